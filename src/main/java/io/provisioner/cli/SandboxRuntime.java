package io.provisioner.cli;

import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code deploy --sandbox} needs from the sandbox, in types both sides share. The sandbox's classes and
 * the libraries only it uses (MINA SSHD, its SFTP server) ship in their own jar, loaded by
 * {@link SandboxLoader} only when {@code --sandbox} is given, so no other command carries them.
 */
public interface SandboxRuntime {

    /** The label of every fault the sandbox simulates, in its order (for {@code --faults}' help and completion). */
    List<String> faultNames();

    /**
     * Starts one simulated host per host of {@code userSpec} (null: the built-in spec with {@code hosts} hosts),
     * a loopback proxy for each proxy it names, and the spec that points at them. IllegalArgumentException says
     * why a spec or option cannot be stood in for; IOException is a failed start. The spec's {@code env:} secrets
     * resolve from {@code env}.
     */
    Session startFor(Spec userSpec, int hosts, String era, Set<String> faults, boolean keep, Map<String, String> env)
            throws IOException;

    /** A running sandbox for a spec. */
    interface Session extends AutoCloseable {
        /** The sandbox's directory. */
        Path root();

        /** The spec that points at the simulated hosts, and its file ({@code sandbox.yaml} in the root). */
        Spec spec();

        Path specFile();

        /** What stands in for what: one line per host and per proxy. */
        List<String> describe();

        @Override
        void close();
    }
}
