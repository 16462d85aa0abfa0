package io.provisioner.probe;

/** What a probe does once connected; returns the verdict or throws a {@link ProbeFailure}. */
interface ProtocolCheck {

    /** A check's conclusion when the exchange itself worked. */
    record Verdict(ProbeOutcome outcome, String detail) {
    }

    /** The verdict of a plain TCP target: the connect alone is the check. */
    Verdict CONNECTED = new Verdict(ProbeOutcome.UP, "connected");

    Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure;

    /** Whether the connect alone is the check (nothing to send or read, so nothing that could block). */
    static boolean connectIsEnough(ProbeTarget target) {
        return target.protocol() == ProbeTarget.Protocol.TCP;
    }

    static ProtocolCheck forTarget(ProbeTarget probeTarget) {
        return switch (probeTarget.protocol()) {
            case TCP -> (connection, target) -> CONNECTED; // see connectIsEnough
            case GIT -> new GitDaemonCheck();
            case HTTP, HTTPS -> new HttpCheck();
            case MYSQL -> new MysqlGreetingCheck();
            case AMQP -> new AmqpStartCheck();
            case MEMCACHED -> new MemcachedVersionCheck();
            case REDIS -> new RedisPingCheck();
        };
    }
}
