package io.provisioner.probe;

/** How a probe ended. The labels are the public vocabulary (CLI, JSON, reports); never rename them. */
public enum ProbeOutcome {
    /** Connected and the protocol check passed. */
    UP("up"),
    /** Answered, but not quite right: an HTTP redirect or 429, Redis wanting a password. Counts as healthy. */
    DEGRADED("degraded"),
    /** RST in answer to our SYN: nothing listens there. */
    REFUSED("refused"),
    /** No SYN-ACK before the deadline: a black hole, a full listen backlog, or a very slow path. */
    CONNECT_TIMEOUT("connect-timeout"),
    /** Connected, but the peer did not say (or read) what it should before the deadline. */
    READ_TIMEOUT("read-timeout"),
    /** EHOSTUNREACH: the address is on a known network but nobody answers ARP, or ICMP host unreachable. */
    HOST_UNREACHABLE("host-unreachable"),
    /** ENETUNREACH: no route to that network at all. */
    NETWORK_UNREACHABLE("network-unreachable"),
    /** The name did not resolve before the deadline. */
    DNS_FAILURE("dns-failure"),
    /** RST after the connection was up. */
    RESET("reset"),
    /** EOF (or a broken pipe) before the expected bytes were complete. */
    CLOSED_EARLY("closed-early"),
    /** Some of the expected bytes arrived, then the deadline passed. */
    PARTIAL("partial"),
    /** Bytes arrived but they are not the expected protocol. */
    PROTOCOL_MISMATCH("protocol-mismatch"),
    /** The expected service answered with an error: MySQL ERR packet, HTTP 5xx, a proxy refusing CONNECT. */
    SERVICE_ERROR("service-error"),
    /** The TLS handshake failed. */
    TLS_ERROR("tls-error");

    private final String label;

    ProbeOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Up or degraded: the thing answers and can be used. */
    public boolean isHealthy() {
        return this == UP || this == DEGRADED;
    }

    public static ProbeOutcome fromLabel(String label) {
        for (ProbeOutcome outcome : values()) {
            if (outcome.label.equals(label)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown probe outcome '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
