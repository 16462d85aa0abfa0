package io.provisioner.remote;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyExchange;
import com.jcraft.jsch.Session;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
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

    /** Found on first use; if the check cannot run at all, JSch's own per-session check stays in place. */
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
        Method doInit;
        try {
            probe = new JSch().getSession("kex-check", "127.0.0.1");
            // JSch's own check calls this package-private entry (it binds the exchange to the session, then
            // init(...) with no server data generates the key pair and returns before sending anything)
            doInit = KeyExchange.class.getDeclaredMethod("doInit", Session.class, byte[].class, byte[].class,
                    byte[].class, byte[].class);
            doInit.setAccessible(true);
        } catch (JSchException | ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        List<String> checked = Arrays.asList(probe.getConfig("CheckKexes").split(","));
        String kept = Arrays.stream(probe.getConfig("kex").split(","))
                .filter(kex -> !checked.contains(kex) || runs(probe, doInit, kex))
                .collect(Collectors.joining(","));
        return kept.isEmpty() ? null : kept;
    }

    /** As JSch's own check: the exchange's class loads and generates its key pair. */
    private static boolean runs(Session probe, Method doInit, String kex) {
        try {
            // the exchanges are package-private classes of JSch, as is the entry
            Constructor<? extends KeyExchange> constructor = Class.forName(probe.getConfig(kex))
                    .asSubclass(KeyExchange.class).getDeclaredConstructor();
            constructor.setAccessible(true);
            doInit.invoke(constructor.newInstance(), probe, null, null, null, null);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
