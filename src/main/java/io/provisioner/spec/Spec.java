package io.provisioner.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A validated host spec: the file it came from and its hosts, defaults merged, secrets resolved. */
public record Spec(Path file, List<Host> hosts) {

    public Optional<Host> host(String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst();
    }

    public Optional<Host> controller() {
        return hosts.stream().filter(Host::isController).findFirst();
    }

    /** Hosts in execution order: controllers first, then compute hosts, each group in spec order. */
    public List<Host> executionOrder() {
        List<Host> out = new ArrayList<>();
        hosts.stream().filter(Host::isController).forEach(out::add);
        hosts.stream().filter(host -> !host.isController()).forEach(out::add);
        return out;
    }

    /** Masks every secret of every host (passwords, key passphrases, proxy credentials); see {@link SecretMasker}. */
    public SecretMasker masker() {
        return SecretMasker.of(this);
    }
}
