package io.provisioner.service.db;

/** The database did not answer; the API turns this into 503 and the caller may retry. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String what, Throwable cause) {
        super("database unavailable while " + what + ": " + firstLine(cause), cause);
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
