package io.provisioner.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two faults whose fix-ups look at the host the way an administrator does: dir-ownership (who owns the
 * checkout, as find and stat answer) and apt-lock (who holds the dpkg lock, as the kernel's lock table says).
 * Over real SSH to a sandbox host, with the commands the fix-ups run.
 */
class OwnershipAndLockFaultsTest {
    @TempDir
    Path base;

    @Test
    void aRootOwnedCheckoutIsWhatFindAndStatSeeUntilItIsGivenBack() throws Exception {
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(1, "current", Set.of("dir-ownership"), base, false));
             LabShell shell = new LabShell(lab, lab.hosts().get(0))) {
            String checkout = lab.hosts().get(0).devstackDir();
            String stackSh = checkout + "/stack.sh";
            // find's own language over the recorded owners: the fix-up's expression, through sudo
            String wrong = "sudo -n -- bash -c 'find \"$1\" \\( -uid 0 -o -uid +999 \\) ! -uid 65534 "
                    + "\\( ! -user stack -o ! -group stack \\) -printf \"%u:%g %p\\n\"' bash " + checkout;
            LabShell.Result before = shell.run(wrong);
            assertThat(before.exit()).as(before.all()).isZero();
            assertThat(before.out()).contains("root:root " + checkout + "\n", "root:root " + stackSh + "\n");
            assertThat(shell.run("stat -L -c '%U:%G' -- " + stackSh).out()).isEqualTo("root:root\n");

            LabShell.Result chown = shell.run("sudo -n -- bash -c 'find \"$1\" -uid 0 -print0 | xargs -0 -r chown -h -- stack:stack' bash "
                    + checkout);
            assertThat(chown.exit()).as(chown.all()).isZero();
            assertThat(shell.run(wrong).out()).isEmpty();
            assertThat(shell.run("find " + checkout + " -maxdepth 1 -name stack.sh -printf '%u:%g %U\\n'").out())
                    .isEqualTo("stack:stack 1001\n");
            assertThat(shell.run("stat -L -c '%U:%G' -- " + stackSh).out()).isEqualTo("stack:stack\n");
            // an expression that does not ask about owners is the real find's
            assertThat(shell.run("find " + checkout + " -maxdepth 1 -name stack.sh").out()).isEqualTo(stackSh + "\n");
            LabShell.Result unknown = shell.run("find " + checkout + " -user nobody");
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("'nobody' is not the name of a known user");
        }
    }

    @Test
    void oneUnattendedUpgradesRunHoldsTheLockInItsOwnProcessThenEndsForGood() throws Exception {
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(1, "current", Set.of("apt-lock"), base, false));
             LabShell shell = new LabShell(lab, lab.hosts().get(0))) {
            Path root = lab.hosts().get(0).root();
            long pid = Long.parseLong(Files.readString(root.resolve("run/sim/apt-lock.pid")).strip());
            long inode = (long) Files.getAttribute(root.resolve("var/lib/dpkg/lock-frontend"), "unix:ino");
            // the kernel names a live holder: the lock is the holder's own, not a helper's that has exited
            assertThat(Files.readAllLines(Path.of("/proc/locks")))
                    .anyMatch(line -> line.matches(".*\\s" + pid + "\\s+\\S+:" + inode + "\\s.*"));
            assertThat(ProcessHandle.of(pid)).isPresent();

            LabShell.Result met = shell.run("sudo -n apt-get install -y cowsay");
            assertThat(met.exit()).isEqualTo(100);
            assertThat(met.err()).contains("It is held by process " + pid + " (unattended-upgr)");

            // it finishes a few seconds after someone met its lock, and nothing starts it again
            long deadline = System.nanoTime() + (AptLockHolder.LINGER_SECONDS + 30) * 1_000_000_000L;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            for (int run = 0; run < 2; run++) {
                LabShell.Result install = shell.run("sudo -n apt-get install -y cowsay");
                assertThat(install.exit()).as(install.all()).isZero();
            }
            assertThat(root.resolve("run/sim/apt-lock.pid")).doesNotExist();
        }
    }
}
