package io.provisioner.remote;

import java.util.List;
import java.util.Map;

/**
 * A long command to run detached on a target (e.g. stack.sh). {@code id} names this run in the lock file;
 * {@code env} reaches the command through stdin of the launcher, never its command line;
 * {@code runAsUser} (nullable) runs the command through {@code sudo -n -u}. The lock file may be shared by
 * several specs (one per host): then at most one of them runs at a time.
 */
public record DetachedSpec(String id, List<String> argv, String workDir, String logFile, String exitFile,
                           String lockFile, Map<String, String> env, String runAsUser) {
    public DetachedSpec {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("detached run " + id + " has no command");
        }
        if (id == null || !id.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException("detached run id must be [A-Za-z0-9_.:-]+, got " + id);
        }
        for (String name : env.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("detached run " + id + ": bad environment name " + name);
            }
        }
        for (String value : env.values()) {
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("detached run " + id + ": environment value with NUL");
            }
        }
    }

    @Override
    public String toString() {
        // env may hold secrets: only its names
        return "DetachedSpec[id=" + id + ", argv=" + argv + ", workDir=" + workDir + ", logFile=" + logFile
                + ", exitFile=" + exitFile + ", lockFile=" + lockFile + ", env=" + env.keySet()
                + ", runAsUser=" + runAsUser + "]";
    }
}
