package io.provisioner.service.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.provisioner.service.auth.Authenticator;
import io.provisioner.service.auth.BearerAuthenticator;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import io.provisioner.service.db.DatabaseUnavailableException;
import io.provisioner.service.metrics.ServiceMetrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.regex.Matcher;

/**
 * The service's HTTP server (the JDK's, on a bounded pool): {@code /api/v1/...} behind authentication,
 * {@code /healthz}, {@code /metrics}. Errors are one JSON object {@code {"error": "..."}}; a database that
 * does not answer is 503 with Retry-After; nothing answers with a stack trace.
 */
public final class ApiServer implements AutoCloseable {
    public static final String PREFIX = "/api/v1";
    /** The JDK server's switch for TCP_NODELAY on its connections; it reads it once, when its first server is made. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK's server writes an answer's headers, then its body. With Nagle's algorithm on (its default) the
        // body waited for the client to acknowledge the headers, and a keep-alive client acknowledges late (Linux's
        // delayed ACK, 40 ms): every request after a connection's first took 44 ms on an idle server, 1-3 ms with
        // this. Set here, before this class makes a server; a -D on the command line still wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final TokenStore tokens;
    private final List<Authenticator> authenticators = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final ServiceMetrics metrics;

    public ApiServer(InetSocketAddress address, TokenStore tokens, ServiceMetrics metrics, int threads) throws IOException {
        this.tokens = tokens;
        this.metrics = metrics;
        this.server = HttpServer.create(address, 128);
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
                task -> {
                    Thread thread = new Thread(task, "http");
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(pool);
        authenticators.add(new BearerAuthenticator(tokens));
        server.createContext(PREFIX + "/", this::dispatch);
    }

    /** The JDK server, for the dashboard to mount its own contexts ({@code /}, {@code /login}, ...). */
    public HttpServer server() {
        return server;
    }

    public TokenStore tokenStore() {
        return tokens;
    }

    /** Another way to authenticate (the dashboard's session cookie); tried after the bearer token. */
    public void addAuthenticator(Authenticator authenticator) {
        authenticators.add(authenticator);
    }

    void route(String method, String regex, Role needs, Route.Handler handler) {
        routes.add(Route.of(method, PREFIX + regex, needs, handler));
    }

    /** A plain context outside /api (healthz, metrics): no authentication, GET only. */
    void plain(String path, Route.Handler handler) {
        server.createContext(path, exchange -> {
            HttpCall call = new HttpCall(exchange, List.of(), null);
            answer(call, () -> {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    throw new ApiError(405, exchange.getRequestMethod() + " is not allowed here; use GET");
                }
                handler.handle(call);
            });
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start() {
        server.start();
    }

    private void dispatch(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().equals("HEAD") ? "GET" : exchange.getRequestMethod();
        HttpCall bare = new HttpCall(exchange, List.of(), null);
        answer(bare, () -> {
            List<String> allowed = new ArrayList<>();
            for (Route route : routes) {
                Matcher match = route.path().matcher(path);
                if (!match.matches()) {
                    continue;
                }
                if (!route.method().equals(method)) {
                    allowed.add(route.method());
                    continue;
                }
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= match.groupCount(); i++) {
                    params.add(match.group(i));
                }
                Principal who = null;
                if (route.needs() != null) {
                    who = authenticate(exchange).orElseThrow(() -> refused(exchange));
                    if (route.needs() == Role.OPERATOR && !who.mayOperate()) {
                        throw new ApiError(403, "token '" + who.name() + "' has role " + who.role().label()
                                + "; " + method + " " + path + " needs operator");
                    }
                }
                HttpCall call = new HttpCall(exchange, params, who);
                try {
                    route.handler().handle(call);
                } finally {
                    if (call.answered()) {
                        bare.markAnswered(call.status());
                    }
                }
                return;
            }
            if (!allowed.isEmpty()) {
                bare.header("Allow", String.join(", ", allowed));
                throw new ApiError(405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
            }
            throw new ApiError(404, "no such endpoint: " + path + " (see " + PREFIX + "/openapi.json)");
        });
    }

    private Optional<Principal> authenticate(HttpExchange exchange) {
        for (Authenticator authenticator : authenticators) {
            Optional<Principal> principal = authenticator.authenticate(exchange);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }

    /** 403 when a credential was sent but an authenticator objects to the request (CSRF), else 401. */
    private ApiError refused(HttpExchange exchange) {
        for (Authenticator authenticator : authenticators) {
            Optional<String> why = authenticator.refusal(exchange);
            if (why.isPresent()) {
                return new ApiError(403, why.get());
            }
        }
        return new ApiError(401, "authentication required: send 'Authorization: Bearer TOKEN'");
    }

    private interface Work {
        void run() throws IOException;
    }

    private void answer(HttpCall call, Work work) {
        try {
            work.run();
        } catch (ApiError e) {
            error(call, e.status(), e.getMessage(), e.problems());
        } catch (DatabaseUnavailableException e) {
            call.header("Retry-After", "5");
            error(call, 503, "the database is not answering; retry shortly (" + e.getMessage() + ")", List.of());
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (RuntimeException e) {
            error(call, 500, "internal failure: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")), List.of());
        } finally {
            metrics.answered(call.status() == 0 ? 500 : call.status());
            call.exchange().close();
        }
    }

    private static void error(HttpCall call, int status, String message, List<Map<String, Object>> problems) {
        if (call.answered()) {
            return;
        }
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("error", message);
        if (!problems.isEmpty()) {
            ArrayNode arr = json.putArray("problems");
            problems.forEach(problem -> arr.add(HttpCall.JSON.valueToTree(problem)));
        }
        if (status == 401) {
            call.header("WWW-Authenticate", "Bearer realm=\"provisioner\"");
        }
        try {
            call.send(status, "application/json", (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException gone) {
            // the client went away
        }
    }

    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }
}
