package io.provisioner.remote;

import io.provisioner.probe.ProbeOutcome;
import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The from-the-target probe script, run by a real bash on this machine through a tiny local RemoteShell
 * (the SSH implementation lives elsewhere; the script and its classification are what is tested here).
 */
class RemoteProbeTest {
    private final LocalBash shell = new LocalBash();
    private final List<ServerSocket> servers = new ArrayList<>();
    private static final Duration T = Duration.ofSeconds(3);
    @TempDir
    Path bin;

    @AfterEach
    void closeServers() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void listeningPortIsUpWithItsAddress() throws Exception {
        ServerSocket s = server(request -> null);
        ProbeResult r = RemoteProbe.probe(shell, ProbeTarget.parse("tcp://localhost:" + s.getLocalPort()), T);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.resolvedAddress()).endsWith(":" + s.getLocalPort());
    }

    @Test
    void aNameWhoseFirstAddressRefusesIsUpOnItsNext() throws Exception {
        // as Debian's own /etc/hosts gives localhost: ::1 first, while the service listens on 127.0.0.1 only
        LocalBash dualStack = LocalBash.resolving(bin, "pvdual", "::1", "127.0.0.1");
        ServerSocket s = server(request -> null);

        ProbeResult up = RemoteProbe.probe(dualStack, ProbeTarget.parse("tcp://pvdual:" + s.getLocalPort()), T);

        assertThat(up.outcome()).as(up.detail()).isEqualTo(ProbeOutcome.UP);
        assertThat(up.resolvedAddress()).isEqualTo("127.0.0.1:" + s.getLocalPort());
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        ProbeResult refused = RemoteProbe.probe(dualStack, ProbeTarget.parse("tcp://pvdual:" + closed), T);
        assertThat(refused.outcome()).as(refused.detail()).isNotEqualTo(ProbeOutcome.UP);
        // every address failed: the first one's failure is the one reported
        assertThat(refused.resolvedAddress()).isEqualTo("[::1]:" + closed);
    }

    @Test
    void closedPortIsRefusedAndBadNameIsDnsFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(RemoteProbe.probe(shell, ProbeTarget.parse("git://127.0.0.1:" + port), T).outcome())
                .isEqualTo(ProbeOutcome.REFUSED);
        assertThat(RemoteProbe.probe(shell, ProbeTarget.parse("git://no-such-host.invalid"), T).outcome())
                .isEqualTo(ProbeOutcome.DNS_FAILURE);
    }

    @Test
    void silentHttpServerIsAReadTimeoutWithinTheDeadline() throws Exception {
        ServerSocket s = server(request -> "");
        long start = System.nanoTime();
        ProbeResult r = RemoteProbe.probe(shell, ProbeTarget.parse("http://127.0.0.1:" + s.getLocalPort() + "/"),
                Duration.ofMillis(800));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.READ_TIMEOUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }

    @Test
    void httpStatusIsClassified() throws Exception {
        ServerSocket s = server(request -> request.startsWith("GET /identity/v3/ HTTP/1.1")
                ? "HTTP/1.1 503 Service Unavailable\r\n\r\n" : "HTTP/1.1 400 Bad\r\n\r\n");
        ProbeResult r = RemoteProbe.probe(shell,
                ProbeTarget.parse("http://127.0.0.1:" + s.getLocalPort() + "/identity/v3/"), T);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
        assertThat(r.detail()).isEqualTo("HTTP 503 Service Unavailable");
    }

    @Test
    void proxyConnectOutcomesAreToldApartAndCredentialsStayOffTheCommandLine() throws Exception {
        List<String> requests = new ArrayList<>();
        ServerSocket proxy = server(request -> {
            if (!request.isEmpty()) {
                synchronized (requests) {
                    requests.add(request);
                }
            }
            if (request.startsWith("CONNECT opendev.org:443")) {
                return "HTTP/1.1 200 Connection established\r\n\r\n";
            }
            if (request.startsWith("CONNECT opendev.org:9418")) {
                return "HTTP/1.1 403 Access violation\r\n\r\n";
            }
            return "HTTP/1.1 502 Bad Gateway\r\n\r\n";
        });
        URI url = URI.create("http://probe:S3cret@127.0.0.1:" + proxy.getLocalPort());
        ProbeResult ok = RemoteProbe.probeViaProxy(shell, ProbeTarget.parse("https://opendev.org/"), url, T);
        assertThat(ok.outcome()).isEqualTo(ProbeOutcome.UP);
        ProbeResult denied = RemoteProbe.probeViaProxy(shell, ProbeTarget.parse("git://opendev.org"), url, T);
        assertThat(denied.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
        assertThat(denied.detail()).contains("refused CONNECT", "403");
        ProbeResult gone = RemoteProbe.probeViaProxy(shell, ProbeTarget.parse("https://nowhere.example:443/"), url, T);
        assertThat(gone.outcome()).isEqualTo(ProbeOutcome.HOST_UNREACHABLE);
        assertThat(gone.detail()).contains("could not reach");

        assertThat(requests.get(0)).contains("Proxy-Authorization: Basic "
                + java.util.Base64.getEncoder().encodeToString("probe:S3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(shell.commandLines).noneMatch(l -> l.contains("S3cret") || l.contains("cHJvYmU6UzNjcmV0"));
    }

    @Test
    void deadProxyIsNamedAsTheProxy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeResult r = RemoteProbe.probeViaProxy(shell, ProbeTarget.parse("https://opendev.org/"),
                URI.create("http://127.0.0.1:" + port), T);
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(r.detail()).startsWith("proxy 127.0.0.1:" + port + " itself");
    }

    /** A loopback server answering each request's head with {@code reply} (null: close at once, "": stay silent). */
    private ServerSocket server(Function<String, String> reply) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    String answer = reply.apply("");
                    if (answer == null) {
                        continue;
                    }
                    c.setSoTimeout(5000);
                    String head = readHead(c.getInputStream());
                    answer = reply.apply(head);
                    if (answer.isEmpty()) {
                        Thread.sleep(3000);
                        continue;
                    }
                    c.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // closed or timed out
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** Runs commands with the local bash: a stand-in for SSH, since only the script's behaviour is under test. */
    static final class LocalBash implements RemoteShell {
        final List<String> commandLines = new ArrayList<>();
        private final List<String> prefix;

        LocalBash() {
            this(List.of());
        }

        private LocalBash(List<String> prefix) {
            this.prefix = prefix;
        }

        /**
         * Commands find {@code getent} (written into {@code bin}) answering {@code ahosts NAME} with
         * {@code addresses}, in that order, as glibc prints them: a stand-in for the name service, so the order
         * under test does not depend on this machine's /etc/hosts.
         */
        static LocalBash resolving(Path bin, String name, String... addresses) throws IOException {
            StringBuilder answer = new StringBuilder();
            for (String a : addresses) {
                answer.append(String.format("%-15s STREAM %s%n%-15s DGRAM  %n%-15s RAW    %n", a, name, a, a));
            }
            Path getent = Files.writeString(bin.resolve("getent"), "#!/bin/sh\n"
                    + "[ \"$1 $2\" = \"ahosts " + name + "\" ] || exec /usr/bin/getent \"$@\"\n"
                    + "printf '%s' '" + answer + "'\n");
            getent.toFile().setExecutable(true);
            return new LocalBash(List.of("env", "PATH=" + bin + ":" + System.getenv("PATH")));
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException {
            commandLines.add(command.commandLine());
            long start = System.nanoTime();
            try {
                List<String> argv = new ArrayList<>(prefix);
                argv.addAll(command.argv());
                Process p = new ProcessBuilder(argv).start();
                if (command.stdin() != null) {
                    p.getOutputStream().write(command.stdin());
                }
                p.getOutputStream().close();
                var out = new java.util.concurrent.CompletableFuture<String>();
                var err = new java.util.concurrent.CompletableFuture<String>();
                new Thread(() -> out.complete(read(p.getInputStream()))).start();
                new Thread(() -> err.complete(read(p.getErrorStream()))).start();
                if (!p.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new RemoteException(RemoteFailure.TIMEOUT, host(), "timed out");
                }
                return new CommandResult(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS),
                        Duration.ofNanos(System.nanoTime() - start));
            } catch (RemoteException e) {
                throw e;
            } catch (Exception e) {
                throw new RemoteException(RemoteFailure.IO, host(), e.toString(), e);
            }
        }

        private static String read(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void upload(String remotePath, byte[] content, int mode) {
            throw new UnsupportedOperationException("not needed by the probe");
        }

        @Override
        public byte[] read(String remotePath, long offset, int maxBytes) {
            throw new UnsupportedOperationException("not needed by the probe");
        }

        @Override
        public void close() {
        }
    }
}
