package io.provisioner.service.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The service's database: a HikariCP pool over H2 or PostgreSQL, migrated by Flyway at start (Flyway
 * takes a lock, so two instances starting at once migrate once).
 */
public final class Database implements AutoCloseable {
    private final DatabaseKind kind;
    private final HikariDataSource pool;

    private Database(DatabaseKind kind, HikariDataSource pool) {
        this.kind = kind;
        this.pool = pool;
    }

    /** The embedded default: an H2 file under the state directory. */
    public static String defaultUrl(Path stateDir) {
        return "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("service").resolve("provisioner");
    }

    /** Opens the pool and migrates; a database that cannot be reached is an IllegalStateException. */
    public static Database open(String jdbcUrl, int poolSize) {
        DatabaseKind kind = DatabaseKind.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(kind.effectiveUrl(jdbcUrl));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("provisioner");
        // a database that went away: requests fail in ~2 s (503) instead of hanging, and the pool heals itself
        config.setConnectionTimeout(2000);
        config.setValidationTimeout(1000);
        config.setInitializationFailTimeout(-1);
        if (kind == DatabaseKind.POSTGRESQL) {
            Properties props = new Properties();
            props.setProperty("connectTimeout", "3");
            props.setProperty("socketTimeout", "30");
            config.setDataSourceProperties(props);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            // out of order: V2 (read paths) and V3 (live logs) were written at once on two branches and touch
            // different tables; a database that got V3 first takes V2 when it next opens instead of refusing to
            int migrated = Flyway.configure().dataSource(pool).locations("classpath:db/migration").outOfOrder(true)
                    .load().migrate().migrationsExecuted;
            Database database = new Database(kind, pool);
            if (migrated > 0 && kind == DatabaseKind.POSTGRESQL) {
                // a migration can fill a table in bulk (V2 splits every run's host list into run_hosts)
                new RunRepository(database).refreshStatistics();
            }
            return database;
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot open the database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
    }

    public DatabaseKind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** True when a connection answers within a second. */
    public boolean reachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The URL without a password parameter. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage().lines().findFirst().orElse("");
    }
}
