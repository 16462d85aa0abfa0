package io.provisioner.fixup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The fix-ups by name, in the order DESIGN.md lists them. */
public final class FixupCatalog {
    private static final Map<String, Supplier<Fixup>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("git-https", GitHttpsFixup::new);
        ALL.put("no-proxy", NoProxyFixup::new);
        ALL.put("mysql-root-password", MysqlRootPasswordFixup::new);
        ALL.put("ovs-socket-permissions", OvsSocketPermissionsFixup::new);
        ALL.put("unstack", UnstackFixup::new);
        ALL.put("apt-sources", AptSourcesFixup::new);
        ALL.put("apt-lock", AptLockFixup::new);
        ALL.put("pip-distutils", PipDistutilsFixup::new);
        ALL.put("stack-dir-ownership", StackDirOwnershipFixup::new);
        ALL.put("retry", RetryFixup::new);
    }

    private FixupCatalog() {
    }

    public static Optional<Fixup> byName(String name) {
        Supplier<Fixup> s = ALL.get(name);
        return s == null ? Optional.empty() : Optional.of(s.get());
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
