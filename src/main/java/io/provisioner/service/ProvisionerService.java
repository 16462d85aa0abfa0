package io.provisioner.service;

import io.provisioner.service.auth.TokenStore;
import io.provisioner.service.db.Database;
import io.provisioner.service.http.ApiRoutes;
import io.provisioner.service.http.ApiServer;
import io.provisioner.service.metrics.ServiceMetrics;
import io.provisioner.service.run.ClasspathSandbox;
import io.provisioner.service.run.RunContext;
import io.provisioner.service.run.RunExecutor;
import io.provisioner.service.run.RunScheduler;
import io.provisioner.service.run.RunService;
import io.provisioner.service.run.SandboxLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code serve} instance: database (migrated), metrics, the job engine with {@code workers} threads,
 * and the HTTP API. {@link #close()} stops the API first, then the scheduler (its executions are released
 * or, if they outlive the wait, revived by another instance), then the pool.
 */
public final class ProvisionerService implements AutoCloseable {
    private final Database db;
    private final RunScheduler scheduler;
    private final ApiServer api;
    private final String instance;

    private ProvisionerService(Database db, RunScheduler scheduler, ApiServer api, String instance) {
        this.db = db;
        this.scheduler = scheduler;
        this.api = api;
        this.instance = instance;
    }

    /** Starts everything; bad configuration is an IllegalArgumentException with one line saying what. */
    public static ProvisionerService start(ServiceConfig config, TokenStore tokens, Map<String, String> env) {
        return start(config, tokens, env, new ClasspathSandbox());
    }

    /** As above, with the sandbox given (the packaged serve loads it from provisioner-sandbox.jar). */
    public static ProvisionerService start(ServiceConfig config, TokenStore tokens, Map<String, String> env,
                                           SandboxLauncher sandboxes) {
        if (config.workers() < 1 || config.workers() > 64) {
            throw new IllegalArgumentException("--workers must be 1..64, got " + config.workers());
        }
        try {
            Files.createDirectories(config.stateDir());
        } catch (IOException e) {
            throw new IllegalArgumentException("--state-dir " + config.stateDir() + ": cannot create it (" + e.getMessage() + ")");
        }
        String url = config.dbUrl() != null ? config.dbUrl() : Database.defaultUrl(config.stateDir());
        Database db = Database.open(url, config.workers() * 2 + 16);
        AtomicReference<RunContext> ctxRef = new AtomicReference<>();
        ServiceMetrics metrics = new ServiceMetrics(() -> ctxRef.get().runs().countByState());
        ApiServer api;
        try {
            api = new ApiServer(new InetSocketAddress(config.bind(), config.port()), tokens, metrics, 64);
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        String instance = hostName() + ":" + api.port() + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 4);
        RunContext ctx = RunContext.of(db, config.stateDir().toAbsolutePath(), instance, metrics,
                config.allowInlineSecrets(), env, sandboxes);
        ctxRef.set(ctx);
        RunScheduler scheduler = new RunScheduler(ctx, new RunExecutor(ctx), config.workers());
        ApiRoutes.register(api, ctx, new RunService(ctx, scheduler), metrics);
        api.addAuthenticator(io.provisioner.service.web.Dashboard.mount(api.server(), tokens));
        scheduler.start();
        api.start();
        return new ProvisionerService(db, scheduler, api, instance);
    }

    public ApiServer api() {
        return api;
    }

    public int port() {
        return api.port();
    }

    public String instance() {
        return instance;
    }

    @Override
    public void close() {
        api.close();
        scheduler.close();
        db.close();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
