package io.provisioner.sandbox;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** Prints how long a lab takes to start and a clean and a seed stack.sh run take (no assertions on time). */
@Tag("benchmark")
class SandboxBenchmarkTest {
    @Test
    void labStartAndStackRuns() throws Exception {
        for (String faults : new String[] {"none", "seed"}) {
            long t0 = System.nanoTime();
            try (SandboxLab lab = SandboxLab.start(new SandboxOptions(1, "current", Set.of(faults), null, false));
                 SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0)).prepare(SimulatedHost.LOCAL_CONF)) {
                long t1 = System.nanoTime();
                SimulatedHost.Run run = host.stack();
                long t2 = System.nanoTime();
                System.out.printf("faults=%s lab start %.2f s, stack.sh (exit %d) %.2f s, load %s%n", faults,
                        (t1 - t0) / 1e9, run.exit(), (t2 - t1) / 1e9,
                        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
            }
        }
    }
}
