package io.provisioner.deploy;

import io.provisioner.spec.FixupName;

/**
 * One preflight check on one host. {@code remedy} is the one line a person follows; {@code repairedBy} names
 * the fix-up that repairs it automatically, or null.
 */
public record CheckResult(String host, PreflightCheck name, CheckStatus status, String detail, String remedy,
                          FixupName repairedBy) {
    public static CheckResult pass(String host, PreflightCheck check, String detail) {
        return new CheckResult(host, check, CheckStatus.PASS, detail, null, null);
    }

    public static CheckResult warn(String host, PreflightCheck check, String detail, String remedy) {
        return new CheckResult(host, check, CheckStatus.WARN, detail, remedy, null);
    }

    public static CheckResult fail(String host, PreflightCheck check, String detail, String remedy) {
        return new CheckResult(host, check, CheckStatus.FAIL, detail, remedy, null);
    }

    public CheckResult fixedBy(FixupName fixup) {
        return new CheckResult(host, name, status, detail, remedy, fixup);
    }

    /** The check's name as the reports print it. */
    public String check() {
        return name.label();
    }

    /** The repairing fix-up's name as the reports print it, or null. */
    public String fixup() {
        return repairedBy == null ? null : repairedBy.label();
    }
}
