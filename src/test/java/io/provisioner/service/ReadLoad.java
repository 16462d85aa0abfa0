package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The read benchmark's clients in a process of their own, as a user measuring the service would run them
 * (the role wrk plays): {@code CLIENTS} clients, each on one keep-alive HTTP/1.1 connection written and read
 * by hand (a few microseconds of CPU per request, where the JDK's HttpClient spends far more), read in a
 * closed loop: by id, a random page by number, the next page by the previous page's {@code next} link, a
 * filtered page. A first round warms up both JVMs and is not recorded; around the second it prints
 * {@code measuring} and {@code measured MICROS} (its wall time) on standard output, so that the caller can
 * read CPU counters at those moments, and it writes one line per request, {@code KIND MICROS STATUS}, to
 * the output file. A wrong answer (not 200 or 503, a run page
 * without the run, a keyset page of the wrong size) ends the process with status 1 and one line saying so.
 *
 * <p>Arguments: PORT TOKEN IDS_FILE CLIENTS READS_PER_CLIENT OUTPUT_FILE.
 */
public final class ReadLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        List<String> ids = Files.readAllLines(Path.of(args[2]));
        int clients = Integer.parseInt(args[3]);
        int reads = Integer.parseInt(args[4]);
        Path output = Path.of(args[5]);
        try {
            round(port, token, ids, clients, reads);
            System.out.println("measuring");
            System.out.flush();
            long start = System.nanoTime();
            List<String> lines = round(port, token, ids, clients, reads);
            System.out.println("measured " + (System.nanoTime() - start) / 1000);
            System.out.flush();
            Files.write(output, lines);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("read load failed: " + cause.getMessage());
            System.exit(1);
        }
    }

    private static List<String> round(int port, String token, List<String> ids, int clients, int reads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> client(port, token, ids, reads)));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> client(int port, String token, List<String> ids, int reads) throws IOException {
        List<String> out = new ArrayList<>(reads);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = new Connection(port, token)) {
            String next = ReadKind.FIRST_PAGE;
            for (int i = 0; i < reads; i++) {
                ReadKind kind = ReadKind.of(i);
                String path = kind.path(ids, random, next);
                long start = System.nanoTime();
                Response r = connection.get(path);
                long micros = (System.nanoTime() - start) / 1000;
                out.add(kind + " " + micros + " " + r.status());
                if (r.status() == 503) {
                    continue;
                }
                if (r.status() != 200) {
                    throw new IllegalStateException(path + " answered " + r.status());
                }
                if (kind == ReadKind.BY_ID && !r.text().contains(path.substring(path.lastIndexOf('/') + 1))) {
                    throw new IllegalStateException(path + " answered without the run");
                }
                if (kind == ReadKind.PAGE_BY_NEXT_LINK) {
                    JsonNode page = JSON.readTree(r.body());
                    if (page.get("results").size() != 50) {
                        throw new IllegalStateException(path + " answered " + page.get("results").size() + " runs, not 50");
                    }
                    next = page.get("next").isNull() ? ReadKind.FIRST_PAGE : page.get("next").asText();
                }
            }
        }
        return out;
    }

    private record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One keep-alive HTTP/1.1 connection: GET with the bearer token, a Content-Length body back. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String token;

        Connection(int port, String token) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream(), 65536);
            this.out = socket.getOutputStream();
            this.token = token;
        }

        Response get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IOException("a chunked answer to " + path + ": the benchmark reads Content-Length only");
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in the answer to " + path);
            }
            return new Response(status, in.readNBytes(length));
        }

        private String line() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\r') {
                    buf.write(b);
                }
            }
            return buf.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
