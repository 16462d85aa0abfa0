package io.provisioner.service.run;

import java.util.Set;

/** {@code "sandbox": {"faults": "seed"|"none"|[..], "era": "current"|"2016", "hosts": N}} of a submitted run. */
public record SandboxRequest(Set<String> faults, String era, int hosts) {
}
