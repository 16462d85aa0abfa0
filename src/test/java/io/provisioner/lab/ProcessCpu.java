package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time one process has used (user + system, its own and its waited-for children's), from
 * /proc/PID/stat. Benchmarks divide it by the work done (CPU-seconds per run, per request) to say how
 * CPU-bound that work is, whatever else the machine is doing at the time.
 */
public record ProcessCpu(long ticks) {
    /** The kernel's USER_HZ, as in {@link MachineCpu}. */
    private static final double TICKS_PER_SECOND = 100.0;

    public static ProcessCpu of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // pid (comm) state ppid ...: the command may hold spaces, so count fields after its ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields 14-17 of stat (utime stime cutime cstime) are 11-14 here, after pid and comm
            return new ProcessCpu(Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                    + Long.parseLong(f[14]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }

    public static ProcessCpu self() {
        return of(ProcessHandle.current().pid());
    }

    public double secondsSince(ProcessCpu earlier) {
        return (ticks - earlier.ticks) / TICKS_PER_SECOND;
    }
}
