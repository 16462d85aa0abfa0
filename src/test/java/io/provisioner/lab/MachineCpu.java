package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy (all cores, every process), from /proc/stat. Benchmarks whose
 * lab servers share the machine with the tool under test subtract the tool's own CPU from this to learn
 * what the servers cost: with the cores saturated, no client can finish before that work is done.
 */
public record MachineCpu(long busyTicks) {
    /** The kernel's USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    public static MachineCpu now() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return new MachineCpu(busy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double busySecondsSince(MachineCpu earlier) {
        return (busyTicks - earlier.busyTicks) / TICKS_PER_SECOND;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
