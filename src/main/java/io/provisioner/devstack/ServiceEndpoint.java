package io.provisioner.devstack;

/** One thing to probe after a successful run: the DevStack service name and a probe target string. */
public record ServiceEndpoint(String service, String target) {
}
