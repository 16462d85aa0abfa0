package io.provisioner.devstack;

import java.util.List;
import java.util.Map;

/**
 * What one pass over a stack.sh log established, independent of any failure rules.
 *
 * @param lines             lines read
 * @param completed         the success marker was seen ("stack.sh completed in N seconds." or the closing summary
 *                          with the timing table) and no exit-trap error
 * @param exitStatus        the status from a "*** FINISHED rc=N ***" wrapper line, or null
 * @param errorOnExitLine   line number of the first "Error on exit", or -1
 * @param stackFailedLine   line number of "stack.sh failed[: full log in ...]", or -1
 * @param errors            the first {@code [ERROR]} lines (bounded), before the exit trap
 * @param callTrace         the frames of the last {@code [Call Trace]} before the exit trap (bounded)
 * @param lastFrame         the last PS4 frame before the failure (DevStack's own die/trap frames skipped), or null
 * @param lastFrameLine     its line number, or -1
 * @param worlddump         the worlddump file named by "World dumping... see X", or null
 * @param fullLog           the path from "stack.sh failed: full log in X", or null
 * @param timing            the "DevStack Component Timing" rows, name to seconds (bounded)
 * @param facts             closing-summary facts: host_ip, host_ipv6, horizon_url, keystone_url, runtime_seconds
 * @param exercises         exercise.sh / run_tests.sh results, name to PASS|FAILED|SKIP (bounded)
 * @param tempest           Tempest/stestr totals: ran, passed, failed, skipped (when printed)
 * @param phase             the phase the run was in when the log ends (or failed)
 * @param era               the DevStack era the log looks like, or null when nothing told
 */
public record StackLogSummary(long lines, boolean completed, Integer exitStatus, long errorOnExitLine,
                              long stackFailedLine, List<ErrorLine> errors, List<TraceFrame> callTrace,
                              Ps4Frame lastFrame, long lastFrameLine, String worlddump, String fullLog,
                              Map<String, Long> timing, Map<String, String> facts, Map<String, String> exercises,
                              Map<String, Long> tempest, String phase, Era era) {

    /** True when the log shows stack.sh ending with an error (exit trap, [ERROR], ERR trap or a non-zero status). */
    public boolean failed() {
        return errorOnExitLine >= 0 || stackFailedLine >= 0 || !errors.isEmpty() || !callTrace.isEmpty()
                || (exitStatus != null && exitStatus != 0);
    }

    /** True when stack.sh finished successfully. */
    public boolean succeeded() {
        return (completed || (exitStatus != null && exitStatus == 0)) && errorOnExitLine < 0 && stackFailedLine < 0
                && (exitStatus == null || exitStatus == 0);
    }

    /**
     * The failed step: the last PS4 frame before the error; without xtrace, the innermost {@code [Call Trace]} frame
     * (the file and line that called die, in the function the previous frame called); null when neither exists.
     */
    public Step failedStep() {
        if (lastFrame != null) {
            return lastFrame.step();
        }
        if (!callTrace.isEmpty()) {
            int last = callTrace.size() - 1;
            TraceFrame frame = callTrace.get(last);
            String fn = last > 0 ? callTrace.get(last - 1).callee() : "main";
            return new Step(shorten(frame.file()), fn, frame.line());
        }
        return null;
    }

    /** backtrace prints absolute paths; PS4 prints them relative to the devstack directory. Align on the latter. */
    static String shorten(String file) {
        for (String marker : new String[]{"/lib/", "/inc/", "/tools/", "/extras.d/"}) {
            int i = file.lastIndexOf(marker);
            if (i >= 0 && file.startsWith("/")) {
                int devstack = file.lastIndexOf('/', i - 1);
                return devstack >= 0 && file.substring(devstack, i).contains("devstack") ? file.substring(i + 1) : file;
            }
        }
        if (file.startsWith("/") && file.contains("devstack/")) {
            return file.substring(file.lastIndexOf("devstack/") + 9);
        }
        return file;
    }
}
