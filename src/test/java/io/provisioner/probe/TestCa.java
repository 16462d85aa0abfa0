package io.provisioner.probe;

import io.provisioner.lab.LabCommand;
import io.provisioner.remote.LocalCommand;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A certificate authority made for the tests with the JDK's own {@code keytool} (so nothing to install), and a
 * server certificate it signed for {@code localhost} only (no IP address in the subject alternative names, so
 * {@code https://127.0.0.1} is a host-name mismatch). A second, unrelated CA is there to trust by mistake.
 * Made once per JVM: each keytool run is a JVM start.
 */
public final class TestCa {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCa shared;

    private final Path caPem;
    private final Path otherCaPem;
    private final KeyStore serverKeys;

    private TestCa(Path caPem, Path otherCaPem, KeyStore serverKeys) {
        this.caPem = caPem;
        this.otherCaPem = otherCaPem;
        this.serverKeys = serverKeys;
    }

    public static synchronized TestCa get() throws Exception {
        if (shared == null) {
            shared = create(Files.createTempDirectory("probe-test-ca"));
        }
        return shared;
    }

    /** The test CA's certificate, PEM: what {@code --ca-file} is given. */
    public Path caPem() {
        return caPem;
    }

    /** Another CA's certificate, PEM: it did not sign the server's certificate. */
    public Path otherCaPem() {
        return otherCaPem;
    }

    /** The server's key and chain (server certificate, test CA), for a {@link TestHttpsServer}. */
    public KeyStore serverKeys() {
        return serverKeys;
    }

    public char[] password() {
        return PASSWORD.clone();
    }

    private static TestCa create(Path dir) throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path other = dir.resolve("other-ca.p12");
        Path server = dir.resolve("server.p12");
        List<CompletableFuture<String>> first = List.of(
                keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=provisioner probe test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString()),
                keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=some other CA", "-ext", "bc:c", "-validity", "2", "-keystore", other.toString()),
                keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-validity", "2", "-keystore", server.toString()));
        for (CompletableFuture<String> keytool : first) {
            keytool.join();
        }
        Path csr = dir.resolve("server.csr");
        Path signed = dir.resolve("server.pem");
        finish(keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString()));
        finish(keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", "2", "-ext", "san=dns:localhost",
                "-ext", "eku=serverAuth"));

        Certificate caCert = load(ca).getCertificate("ca");
        Path caPem = dir.resolve("ca.pem");
        Files.writeString(caPem, pem(caCert));
        Path otherPem = dir.resolve("other-ca.pem");
        Files.writeString(otherPem, pem(load(other).getCertificate("ca")));

        KeyStore serverStore = load(server);
        Key key = serverStore.getKey("server", PASSWORD);
        Certificate serverCert;
        try (InputStream in = Files.newInputStream(signed)) {
            serverCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, PASSWORD, new Certificate[] {serverCert, caCert});
        return new TestCa(caPem, otherPem, keys);
    }

    /** keytool started on its own thread, so the three key pairs are made at once. */
    private static CompletableFuture<String> keytool(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit", "-noprompt"));
        return CompletableFuture.supplyAsync(() -> LabCommand.check(
                LocalCommand.of(argv).mergingErrors().withTimeout(Duration.ofSeconds(120))));
    }

    private static void finish(CompletableFuture<String> keytool) {
        keytool.join();
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static String pem(Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
