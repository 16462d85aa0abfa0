package io.provisioner.deploy;

/**
 * One preflight check on one host. {@code remedy} is the one line a person follows; {@code fixup} names the
 * fix-up that repairs it automatically, or null.
 */
public record CheckResult(String host, String check, CheckStatus status, String detail, String remedy,
                          String fixup) {
    public static CheckResult pass(String host, String check, String detail) {
        return new CheckResult(host, check, CheckStatus.PASS, detail, null, null);
    }

    public static CheckResult warn(String host, String check, String detail, String remedy) {
        return new CheckResult(host, check, CheckStatus.WARN, detail, remedy, null);
    }

    public static CheckResult fail(String host, String check, String detail, String remedy) {
        return new CheckResult(host, check, CheckStatus.FAIL, detail, remedy, null);
    }

    public CheckResult fixedBy(String fixupName) {
        return new CheckResult(host, check, status, detail, remedy, fixupName);
    }
}
