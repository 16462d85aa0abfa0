package io.provisioner.cli;

import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code deploy --sandbox} needs from the sandbox, in types both sides share. The sandbox's classes and
 * the libraries only it uses (MINA SSHD, its SFTP server) ship in their own jar, loaded by
 * {@link SandboxLoader} only when {@code --sandbox} is given, so no other command carries them.
 */
public interface SandboxRuntime {

    /** Starts simulated hosts; IllegalArgumentException names a bad option, IOException a failed start. */
    Lab start(int hosts, String era, Set<String> faults, boolean keep) throws IOException;

    /** A running sandbox lab. */
    interface Lab extends AutoCloseable {
        /** The lab's directory (hosts' trees, keys, the spec written for it). */
        Path root();

        /** {@code base} with its hosts replaced by the lab's, written to {@code specFile}. */
        Spec withLabHosts(Spec base, Path specFile);

        @Override
        void close();
    }
}
