package io.provisioner.deploy;

import java.util.List;

/**
 * Where a deploy keeps its journal: every step transition, durably, in order. The CLI keeps it in a
 * JSON-lines file next to the spec ({@link Journal}); the service keeps it in its database. Resume reads
 * it back. Implementations mask nothing themselves: records arrive already masked.
 */
public interface RunStore extends AutoCloseable {
    /** Appends one record; it is durable when this returns. */
    void append(JournalRecord record);

    /** Every record of this store, oldest first; a record torn by a crash is left out. */
    List<JournalRecord> records();

    @Override
    void close();
}
