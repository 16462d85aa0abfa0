package io.provisioner.deploy;

import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;

import java.nio.file.Path;

/**
 * Everything one host's run shares: the request (spec, state directory, preflight options), the host, its
 * connection, the journal of the run, the event audience, what an earlier run left (resume) and the
 * target lease. Handed whole to each part of the host run instead of its fields one by one.
 */
record HostRunContext(DeployRequest request, Host host, TargetSession session, RunJournal journal, EventSink events,
                      HostResume resume, TargetLease lease) {

    Spec spec() {
        return request.spec();
    }

    SecretMasker masker() {
        return request.spec().masker();
    }

    String run() {
        return journal.run();
    }

    /** Where this host's local files go: log copies, fix-up output, credentials. */
    Path localDir() {
        return request.stateDir().resolve(host.name());
    }
}
