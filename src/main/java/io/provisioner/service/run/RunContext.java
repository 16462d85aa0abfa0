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
 * this instance's name, its metrics, and the specs with inline secrets it holds in memory only.
 */
public record RunContext(Database db, RunRepository runs, EventRepository events, LogRepository logs,
                         TargetLocks locks, Path stateDir, String instance, ServiceMetrics metrics,
                         boolean allowInlineSecrets, Map<String, String> env, Map<String, String> inlineSpecs) {

    public static RunContext of(Database db, Path stateDir, String instance, ServiceMetrics metrics,
                                boolean allowInlineSecrets, Map<String, String> env) {
        return new RunContext(db, new RunRepository(db), new EventRepository(db), new LogRepository(db),
                new TargetLocks(db), stateDir, instance, metrics, allowInlineSecrets, Map.copyOf(env),
                new ConcurrentHashMap<>());
    }

    public Path runDir(String runId) {
        return stateDir.resolve("runs").resolve(runId);
    }
}
