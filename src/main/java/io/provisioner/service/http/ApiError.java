package io.provisioner.service.http;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses: the HTTP status, one line saying what and where, and (for 422) the spec's
 * problems as {@code {line, column, message}} objects.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final List<Map<String, Object>> problems;

    public ApiError(int status, String message) {
        this(status, message, List.of());
    }

    public ApiError(int status, String message, List<Map<String, Object>> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<Map<String, Object>> problems() {
        return problems;
    }
}
