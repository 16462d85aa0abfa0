package io.provisioner.service.http;

import io.provisioner.service.metrics.ServiceMetrics;
import io.provisioner.service.run.RunContext;
import io.provisioner.service.run.RunService;

/** Every endpoint of the API, registered on the server (see docs/service-api.md). */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static void register(ApiServer api, RunContext ctx, RunService runs, ServiceMetrics metrics) {
        new RunsApi(ctx, runs, 32).register(api);
        new ToolsApi(ctx, runs, metrics).register(api);
    }
}
