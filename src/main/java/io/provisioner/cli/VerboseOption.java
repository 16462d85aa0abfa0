package io.provisioner.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: on an internal failure, the stack trace too (read by {@link Main}'s crash handler). */
public final class VerboseOption {
    @Option(names = "--verbose", description = "On an internal failure, print the stack trace too.")
    boolean verbose;
}
