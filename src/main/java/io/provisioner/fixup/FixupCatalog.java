package io.provisioner.fixup;

import io.provisioner.spec.FixupName;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The fix-ups by {@link FixupName}, in the order the documentation lists them. */
public final class FixupCatalog {
    private static final Map<FixupName, Supplier<Fixup>> ALL = new EnumMap<>(FixupName.class);

    static {
        ALL.put(FixupName.GIT_HTTPS, GitHttpsFixup::new);
        ALL.put(FixupName.NO_PROXY, NoProxyFixup::new);
        ALL.put(FixupName.MYSQL_ROOT_PASSWORD, MysqlRootPasswordFixup::new);
        ALL.put(FixupName.OVS_SOCKET_PERMISSIONS, OvsSocketPermissionsFixup::new);
        ALL.put(FixupName.UNSTACK, UnstackFixup::new);
        ALL.put(FixupName.APT_SOURCES, AptSourcesFixup::new);
        ALL.put(FixupName.APT_LOCK, AptLockFixup::new);
        ALL.put(FixupName.PIP_DISTUTILS, PipDistutilsFixup::new);
        ALL.put(FixupName.STACK_DIR_OWNERSHIP, StackDirOwnershipFixup::new);
        ALL.put(FixupName.RETRY, RetryFixup::new);
    }

    private FixupCatalog() {
    }

    /** Every {@link FixupName} has an implementation (the catalogue test holds it to that). */
    public static Fixup get(FixupName name) {
        Supplier<Fixup> supplier = ALL.get(name);
        if (supplier == null) {
            throw new IllegalStateException("no implementation for the fix-up " + name);
        }
        return supplier.get();
    }

    /** For text from a user (the {@code fixup} command): the fix-up with this name, if there is one. */
    public static Optional<Fixup> byName(String name) {
        return FixupName.parse(name).map(FixupCatalog::get);
    }

    public static List<String> names() {
        return FixupName.labels();
    }
}
