package io.provisioner.cli;

/** The one exit-code table. Every command maps its outcome onto these and nothing else. */
public final class ExitCodes {
    /** Everything asked for succeeded (deploy healthy, all probes up, fix-up verified). */
    public static final int OK = 0;
    /** The job ran and something failed (a check, a probe, a host, a fix-up). */
    public static final int FAILED = 1;
    /** Bad input: the spec, a target, an option. Nothing was touched. */
    public static final int BAD_INPUT = 2;
    /** A host could not be reached or its identity is not trusted. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
