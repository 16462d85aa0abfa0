package io.provisioner.spec;

import java.util.List;

/** An {@code enable_plugin} line; {@code requires} names plugins that must be enabled before it. */
public record Plugin(String name, String repo, String ref, List<String> requires) {
}
