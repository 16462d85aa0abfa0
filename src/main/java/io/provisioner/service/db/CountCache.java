package io.provisioner.service.db;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many runs match a filter, remembered with the runs' version it was counted at ({@link
 * RunRepository#version()}): a list page answers with the total, and counting a 10 000-run history on every
 * page of 50 concurrent clients was most of the database's work. A count holds while the version is the one
 * it was counted at, so a change made on any instance shows in the next count. At most {@link #MAX_ENTRIES}
 * filters are kept (they hold host names from queries); past that, all are forgotten.
 */
final class CountCache {
    static final int MAX_ENTRIES = 1000;

    @FunctionalInterface
    interface Count {
        long count() throws SQLException;
    }

    private record Entry(long version, long value) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The count of {@code filterKey} at {@code version}, read before the count is made. */
    long get(long version, String filterKey, Count count) throws SQLException {
        Entry known = entries.get(filterKey);
        if (known != null && known.version() == version) {
            return known.value();
        }
        long value = count.count();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(filterKey, new Entry(version, value));
        return value;
    }
}
