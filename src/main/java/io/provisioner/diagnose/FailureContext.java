package io.provisioner.diagnose;

import java.util.List;

/**
 * Where DevStack failed, as its own output tells: the failing function chain, the failed step's file and command,
 * the {@code [ERROR]} messages of die/err, the service being started and the last lines of program output.
 *
 * @param lastFunction the function of the failed step (or the innermost {@code [Call Trace]} callee), or null
 * @param traced       the callees of the last {@code [Call Trace]}: the real call chain when die ran
 * @param recent       the functions of the latest PS4 frames before the failure (they may have returned already)
 * @param plainCalls   DevStack functions called in plain {@code + name ...} trace lines (logs without PS4 frames)
 * @param output       the failing command's own last output lines (see {@link FailingCommand})
 */
record FailureContext(String lastFunction, List<String> traced, List<String> recent, List<String> plainCalls,
                      String file, String command, List<String> errors, String service, List<String> tail,
                      List<String> output) {
}
