package io.provisioner.plan;

import io.provisioner.spec.Host;

import java.util.List;

/**
 * Where one stack.sh attempt lives on the target: run id, working directory, command, and the log, exit
 * status and lock files under {@code paths.state_dir}. The deploy starts its detached run from this and
 * the plan prints it, so the two cannot name different files.
 */
public record StackRunLayout(String id, String workDir, List<String> argv, String logFile, String exitFile,
                             String lockFile) {
    public StackRunLayout {
        argv = List.copyOf(argv);
    }

    /** The same names on every call for the same attempt, so a resume finds the run again. */
    public static StackRunLayout of(Host host, int attempt) {
        String state = host.paths().stateDir();
        return new StackRunLayout("stack-" + attempt, host.devstack().dir(), List.of("./stack.sh"),
                state + "/stack-" + attempt + ".log", state + "/stack-" + attempt + ".exit", state + "/stack.lock");
    }
}
