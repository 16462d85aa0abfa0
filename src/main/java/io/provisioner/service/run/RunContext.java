package io.provisioner.service.run;

import io.provisioner.service.db.Database;
import io.provisioner.service.db.EventRepository;
import io.provisioner.service.db.LogRepository;
import io.provisioner.service.db.RunRepository;
import io.provisioner.service.db.TargetLocks;
import io.provisioner.service.metrics.ServiceMetrics;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the run side of the service shares: the database and its tables, where runs keep local files,
 * this instance's name, its metrics, the specs with inline secrets it holds in memory only, the sandbox.
 */
public record RunContext(Database db, RunRepository runs, EventRepository events, LogRepository logs,
                         TargetLocks locks, Path stateDir, String instance, ServiceMetrics metrics,
                         boolean allowInlineSecrets, Map<String, String> env, Map<String, String> inlineSpecs,
                         SandboxLauncher sandboxes) {

    public static RunContext of(Database db, Path stateDir, String instance, ServiceMetrics metrics,
                                boolean allowInlineSecrets, Map<String, String> env, SandboxLauncher sandboxes) {
        return new RunContext(db, new RunRepository(db), new EventRepository(db), new LogRepository(db),
                new TargetLocks(db), stateDir, instance, metrics, allowInlineSecrets, Map.copyOf(env),
                new ConcurrentHashMap<>(), sandboxes);
    }

    public Path runDir(String runId) {
        return stateDir.resolve("runs").resolve(runId);
    }

    /**
     * Where a run's submitted spec is written: the same path on every instance. The deploy core knows a spec by
     * its path and hosts ({@code SpecIdentity}), so the instance that takes over a dead one's run must load the
     * spec from the path the first one journaled, or its resume is refused as another spec's.
     */
    public static Path specDir(String runId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "provisioner-submitted-specs", runId);
    }
}
