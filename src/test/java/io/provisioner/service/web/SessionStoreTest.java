package io.provisioner.service.web;

import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {
    private static final Principal ALICE = new Principal("alice", Role.OPERATOR);

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T01:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    @Test
    void aSessionLapsesAfterItsIdleTimeButEachUseMovesThatOn() {
        HandClock clock = new HandClock();
        SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), 10);
        Session session = store.open(ALICE);

        clock.advance(Duration.ofMinutes(20));
        assertThat(store.find(session.id())).map(Session::principal).contains(ALICE);
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.find(session.id())).as("used 20 minutes ago, idle limit 30").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.size()).as("a lapsed session is dropped when met").isZero();
    }

    @Test
    void idsAndCsrfTokensAreLongRandomAndDistinct() {
        SessionStore store = new SessionStore();
        Session first = store.open(ALICE);
        Session second = store.open(ALICE);
        assertThat(first.id()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(second.id()).isNotEqualTo(first.csrfToken());
        assertThat(first.csrfToken()).isNotEqualTo(second.csrfToken());
    }

    @Test
    void aFullStoreDropsLapsedSessionsThenTheOldest() {
        HandClock clock = new HandClock();
        SessionStore store = new SessionStore(clock, Duration.ofMinutes(10), 3);
        Session oldest = store.open(ALICE);
        clock.advance(Duration.ofMinutes(1));
        Session middle = store.open(ALICE);
        clock.advance(Duration.ofMinutes(1));
        Session newest = store.open(ALICE);
        clock.advance(Duration.ofMinutes(1));
        Session fourth = store.open(ALICE);

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.find(oldest.id())).isEmpty();
        assertThat(store.find(middle.id())).isPresent();
        assertThat(store.find(newest.id())).isPresent();
        assertThat(store.find(fourth.id())).isPresent();
    }

    @Test
    void closingASessionForgetsIt() {
        SessionStore store = new SessionStore();
        Session session = store.open(ALICE);
        store.close(session.id());
        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.find(null)).isEmpty();
        assertThat(store.find("")).isEmpty();
    }
}
