package io.provisioner.service.run;

import java.util.List;

/**
 * A submitted run. {@code specText} may be null only for a sandbox run (the built-in sandbox spec);
 * {@code hosts} empty = all of the spec's hosts; {@code retries} null = the spec's own.
 */
public record RunRequest(String specText, List<String> hosts, SandboxRequest sandbox, Integer retries) {
    public boolean isSandbox() {
        return sandbox != null;
    }
}
