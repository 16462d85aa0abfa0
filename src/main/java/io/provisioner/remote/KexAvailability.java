package io.provisioner.remote;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyExchange;
import com.jcraft.jsch.Session;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which of JSch's key exchanges this JVM can run, found once per process. JSch finds it again on every
 * connect by generating a key pair for each one it may propose (four X25519 and one ML-KEM key pair per
 * session, a third of a connect's CPU in a 50-host preflight), and the answer cannot change while the process
 * runs. Each session is given the proposal without the unavailable ones, and told not to check again.
 */
final class KexAvailability {
    private KexAvailability() {
    }

    /** Found on first use; a check that cannot run at all leaves JSch's own per-session check in place. */
    private static final class Checked {
        static final String PROPOSAL = proposal();
    }

    static void applyTo(Session session) {
        if (Checked.PROPOSAL != null) {
            session.setConfig("kex", Checked.PROPOSAL);
            session.setConfig("CheckKexes", "");
        }
    }

    private static String proposal() {
        Session probe;
        try {
            probe = new JSch().getSession("kex-check", "127.0.0.1");
        } catch (JSchException e) {
            return null;
        }
        List<String> checked = Arrays.asList(probe.getConfig("CheckKexes").split(","));
        String kept = Arrays.stream(probe.getConfig("kex").split(","))
                .filter(kex -> !checked.contains(kex) || runs(probe, kex))
                .collect(Collectors.joining(","));
        return kept.isEmpty() ? null : kept;
    }

    /** As JSch's own check: the exchange's class loads and generates its key pair (no message is sent). */
    private static boolean runs(Session probe, String kex) {
        try {
            KeyExchange exchange = Class.forName(probe.getConfig(kex)).asSubclass(KeyExchange.class)
                    .getDeclaredConstructor().newInstance();
            exchange.init(probe, null, null, null, null);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
