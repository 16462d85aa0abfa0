package io.provisioner.cli;

import io.provisioner.service.ProvisionerService;
import io.provisioner.service.ServiceConfig;
import io.provisioner.service.auth.TokenStore;
import io.provisioner.service.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the HTTP API with run history in a database; runs until stopped (SIGTERM / Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the HTTP API and the web dashboard: submit deploys, watch them, look back at them "
                + "(docs/service.md).",
                "Exit 0 after a clean shutdown (Ctrl-C or SIGTERM), 2 on bad options or an unreachable database."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 takes any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database, e.g. jdbc:postgresql://HOST/DB?user=USER; without it an H2 file under --state-dir.")
    String db;

    @Option(names = "--token-file", paramLabel = "FILE", description = "API tokens: 'name role sha256hex' per line.")
    Path tokenFile;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Deploys this instance runs at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".provisioner",
            description = "Where the embedded database and run files live (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--allow-inline-secrets", description = "Accept specs with literal passwords (kept in memory only, never stored).")
    boolean allowInlineSecrets;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCodes.BAD_INPUT, "--port " + port + ": must be 0 (any free port) to 65535");
        }
        TokenStore tokens = tokens();
        if (tokens.generatedToken().isPresent() && !loopback(bind)) {
            throw new UserError(ExitCodes.BAD_INPUT, "--bind " + bind + ": without --token-file or PROVISIONER_API_TOKEN "
                    + "the service generates a token and listens on 127.0.0.1 only");
        }
        ProvisionerService service;
        try {
            service = ProvisionerService.start(new ServiceConfig(bind, port, db, tokenFile, workers, stateDir,
                    allowInlineSecrets), tokens, System.getenv(), new ServeSandbox());
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        tokens.generatedToken()
                .ifPresent(token -> out.println("API token (operator 'admin'; shown once, not stored): " + token));
        out.println("listening on http://" + bind + ":" + service.port() + " (instance " + service.instance()
                + ", database " + Database.redact(db != null ? db : Database.defaultUrl(stateDir)) + ", workers " + workers + ")");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "serve-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    private TokenStore tokens() {
        try {
            if (tokenFile != null) {
                return TokenStore.fromFile(tokenFile);
            }
            String env = System.getenv("PROVISIONER_API_TOKEN");
            return env != null ? TokenStore.fromEnvironment(env) : TokenStore.generate();
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
