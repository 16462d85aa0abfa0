package io.provisioner.sandbox;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/** The lab's client key: ed25519 (RSA 3072 if the JVM cannot make one), OpenSSH format, mode 0600. */
final class LabKey {
    private LabKey() {
    }

    static KeyPair create(Path privateKeyFile) throws IOException {
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException | RuntimeException e) {
            try {
                pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 3072);
            } catch (GeneralSecurityException rsa) {
                throw new IOException("cannot generate the sandbox key: " + rsa.getMessage(), rsa);
            }
        }
        Files.createFile(privateKeyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(privateKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "devstack-provisioner-sandbox", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the sandbox key: " + e.getMessage(), e);
        }
        Files.writeString(privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub"),
                PublicKeyEntry.toString(pair.getPublic()) + " devstack-provisioner-sandbox\n");
        return pair;
    }
}
