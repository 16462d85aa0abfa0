package io.provisioner.service.db;

/** The databases the service runs on, told apart by the JDBC URL. */
public enum DatabaseKind {
    /** Embedded, a file under the state directory; runs in PostgreSQL compatibility mode. */
    H2,
    POSTGRESQL;

    /** The kind of a JDBC URL; an IllegalArgumentException naming the URL's scheme for anything else. */
    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        String scheme = jdbcUrl.contains(":") ? jdbcUrl.substring(0, Math.min(jdbcUrl.length(),
                jdbcUrl.indexOf(':', jdbcUrl.indexOf(':') + 1) + 1)) : jdbcUrl;
        throw new IllegalArgumentException("--db '" + scheme + "...' is not supported; use jdbc:postgresql://HOST/DB "
                + "or jdbc:h2:file:PATH");
    }

    /** The URL with the settings the schema relies on (H2: PostgreSQL mode, lower-case names). */
    public String effectiveUrl(String jdbcUrl) {
        if (this != H2 || jdbcUrl.contains("MODE=")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}
