package io.provisioner.lab;

import java.util.List;

/**
 * A non-root login user on this machine for tests that must not be root (sudo refusal). Created with
 * useradd when missing (unlocked, no password, so sshd without PAM lets a key in) and removed on close
 * only if this fixture created it.
 */
public final class LabUser implements AutoCloseable {
    private final String name;
    private final boolean created;

    private LabUser(String name, boolean created) {
        this.name = name;
        this.created = created;
    }

    public static LabUser ensure(String name) {
        Requirements.requireRoot("creating user " + name);
        if (LabCommand.tryRun(List.of("id", "-u", name)).exit() == 0) {
            return new LabUser(name, false);
        }
        LabCommand.run("useradd", "-m", "-s", "/bin/bash", "-p", "*", name);
        return new LabUser(name, true);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (created) {
            // userdel refuses an account with live processes (Ansible's ControlPersist leaves an sshd for it)
            LabCommand.tryRun(List.of("pkill", "-KILL", "-u", name));
            for (int i = 0; i < 50 && LabCommand.tryRun(List.of("pgrep", "-u", name)).exit() == 0; i++) {
                sleepBriefly();
            }
            LabCommand.tryRun(List.of("userdel", "-r", name));
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
