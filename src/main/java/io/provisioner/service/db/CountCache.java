package io.provisioner.service.db;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many runs match a filter, remembered for {@code ttlNanos}: a list page answers with the total, and
 * counting a 10 000-run history on every page of 50 concurrent clients was most of the database's work.
 * This instance's own changes (submit, start, end, cancel) forget every count at once; another instance's
 * show within the time to live. At most {@link #MAX_ENTRIES} filters are kept (they hold host names from
 * queries); past that, all are forgotten.
 */
final class CountCache {
    static final int MAX_ENTRIES = 1000;

    @FunctionalInterface
    interface Count {
        long count() throws SQLException;
    }

    private record Entry(long value, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    CountCache(long ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    long get(String filterKey, Count count) throws SQLException {
        long now = System.nanoTime();
        Entry known = entries.get(filterKey);
        if (known != null && now - known.expiresAt() < 0) {
            return known.value();
        }
        long value = count.count();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(filterKey, new Entry(value, now + ttlNanos));
        return value;
    }

    void forgetAll() {
        entries.clear();
    }
}
