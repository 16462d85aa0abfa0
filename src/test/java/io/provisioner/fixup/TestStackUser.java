package io.provisioner.fixup;

import io.provisioner.lab.LabCommand;
import io.provisioner.lab.Requirements;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A non-root stack user for tests ({@code dspstack}) with a private home; removed on close if this test
 * created it. Also a small {@code sh} helper for test setup commands.
 */
final class TestStackUser implements AutoCloseable {
    static final String NAME = "dspstack";
    private final boolean created;
    private final Path home;

    private TestStackUser(boolean created, Path home) {
        this.created = created;
        this.home = home;
    }

    static TestStackUser create(Path home) throws Exception {
        Requirements.requireRoot("creates the test user " + NAME);
        // screen refuses a socket directory owned by another uid: one left by an earlier user of this name
        sh("rm", "-rf", "/run/screen/S-" + NAME);
        if (sh("id", "-u", NAME) == 0) {
            sh("usermod", "-d", home.toString(), NAME);
            Files.createDirectories(home);
            sh("chown", NAME + ":", home.toString());
            return new TestStackUser(false, home);
        }
        Files.createDirectories(home);
        if (sh("useradd", "-M", "-U", "-d", home.toString(), "-s", "/bin/bash", NAME) != 0) {
            throw new IllegalStateException("useradd " + NAME + " failed");
        }
        sh("chown", NAME + ":", home.toString());
        return new TestStackUser(true, home);
    }

    String name() {
        return NAME;
    }

    Path home() {
        return home;
    }

    static int sh(String... argv) {
        LabCommand.Result r = LabCommand.tryRun(List.of(argv));
        if (r.exit() < 0) {
            throw new IllegalStateException(r.output());
        }
        return r.exit();
    }

    static String out(String... argv) {
        return LabCommand.tryRun(List.of(argv)).output();
    }

    @Override
    public void close() throws Exception {
        sh("rm", "-rf", "/run/screen/S-" + NAME);
        if (created) {
            sh("userdel", NAME);
            sh("groupdel", NAME);
        }
    }
}
