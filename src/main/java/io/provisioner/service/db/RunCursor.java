package io.provisioner.service.db;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a page of runs ends, for keyset paging: the last run's submission time and id (the list's order,
 * newest first). The next page is the runs strictly older than this key, read from the index without
 * skipping the pages before it. Written in links as {@code SUBMITTED_AT~ID}.
 */
public record RunCursor(Instant submittedAt, String id) {
    private static final String SEPARATOR = "~";

    public static RunCursor after(RunRow last) {
        return new RunCursor(last.submittedAt(), last.id());
    }

    /** The cursor in a link; an IllegalArgumentException saying what is wrong with one that is not. */
    public static RunCursor parse(String text) {
        int at = text.indexOf(SEPARATOR);
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a cursor (SUBMITTED_AT~ID, as the 'next' link gives)");
        }
        String id = text.substring(at + 1);
        if (!id.matches("[A-Za-z0-9T-]{1,64}")) {
            throw new IllegalArgumentException("'" + text + "' is not a cursor: '" + id + "' is not a run id");
        }
        try {
            return new RunCursor(Instant.parse(text.substring(0, at)), id);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a cursor: '" + text.substring(0, at)
                    + "' is not an ISO-8601 instant");
        }
    }

    public String text() {
        return submittedAt + SEPARATOR + id;
    }
}
