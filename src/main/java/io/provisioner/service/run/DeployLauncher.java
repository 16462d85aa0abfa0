package io.provisioner.service.run;

import io.provisioner.deploy.DeployEngine;
import io.provisioner.deploy.DeployRequest;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.FleetPreflight;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.PreflightOptions;
import io.provisioner.deploy.RunStore;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.remote.Connector;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The service's one door into the deploy core: the deploy journals into the run's {@link RunStore} (the
 * database), and resume reads it back from there, so any instance can resume a run.
 */
public final class DeployLauncher {

    /** Deploys; {@code resume} re-attaches to a running or finished stack.sh and skips completed fix-ups. */
    public FleetReport deploy(Spec spec, Set<String> onlyHosts, int parallel, Path stateDir, RunStore store,
                              boolean resume, EventSink events) {
        DeployRequest request = new DeployRequest(spec, Set.copyOf(onlyHosts), Math.max(1, parallel), resume, stateDir,
                null, PreflightOptions.defaults(), store);
        return new DeployEngine(new SshHostConnector()).deploy(request, events);
    }

    /** Read-only preflight checks of the spec's hosts (all when {@code onlyHosts} is empty). */
    public List<FleetPreflight.HostChecks> preflight(Spec spec, Set<String> onlyHosts) {
        List<Host> selected = spec.executionOrder().stream()
                .filter(host -> onlyHosts.isEmpty() || onlyHosts.contains(host.name())).toList();
        return new FleetPreflight(new SshHostConnector(new Connector(Connector.Backoff.NONE)), PreflightOptions.defaults())
                .run(selected, 50);
    }
}
