package io.provisioner.service.web;

import io.provisioner.service.auth.Principal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, in memory (a restart signs browsers out; the API token signs them in again).
 * Ids and CSRF tokens are 256 random bits. A session lapses after {@code idle} without use; the store holds
 * at most {@code capacity} sessions and drops lapsed ones before refusing room, then the oldest.
 */
public final class SessionStore {
    public static final Duration DEFAULT_IDLE = Duration.ofHours(12);
    private static final int DEFAULT_CAPACITY = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final int capacity;

    public SessionStore() {
        this(Clock.systemUTC(), DEFAULT_IDLE, DEFAULT_CAPACITY);
    }

    SessionStore(Clock clock, Duration idle, int capacity) {
        this.clock = clock;
        this.idle = idle;
        this.capacity = capacity;
    }

    /** A new session for {@code principal}. */
    Session open(Principal principal) {
        makeRoom();
        Session session = new Session(randomToken(), principal, randomToken(), clock.instant().plus(idle));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, renewed; empty for an unknown or lapsed one. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(id,
                (key, session) -> session.expires().isAfter(now) ? session.renewedUntil(now.plus(idle)) : null);
        return Optional.ofNullable(found);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    Duration idle() {
        return idle;
    }

    /** Compares two secrets in time independent of where they differ. */
    static boolean sameSecret(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void makeRoom() {
        if (sessions.size() < capacity) {
            return;
        }
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !session.expires().isAfter(now));
        while (sessions.size() >= capacity) {
            sessions.values().stream().min(java.util.Comparator.comparing(Session::expires))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
