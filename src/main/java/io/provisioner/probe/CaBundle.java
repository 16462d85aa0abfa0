package io.provisioner.probe;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * A PEM file of CA certificates (one or more, concatenated) made into the TLS trust for https probes. Like
 * curl's {@code --cacert} it replaces the JVM's default trust store rather than adding to it, so a probe
 * answers "does this service present a certificate from our CA", not "from anyone's".
 */
final class CaBundle {
    private CaBundle() {
    }

    /** An {@link IllegalArgumentException} names the file and what is wrong with it, in one line. */
    static SSLSocketFactory load(Path pem) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CA file " + pem + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("CA file " + pem + " cannot be read: " + e.getMessage());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA file " + pem + " is not PEM certificates: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("CA file " + pem + " holds no certificate (expected PEM, "
                    + "-----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : certs) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("CA file " + pem + " cannot be used as a trust store: " + e.getMessage());
        }
    }
}
