package dev.wharf.engines;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty schema in the machine's PostgreSQL for one test class, dropped on close, so
 * tests never see each other's rows and can run against the real engine side by side.
 *
 * <p>The server is 127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth
 * (CI starts it); {@code WHARF_TEST_POSTGRES_URL} overrides the base JDBC URL. When it is not
 * reachable, {@link #create()} throws with a message saying how to start it: the tests that
 * need it fail rather than skip.
 */
public final class PostgresDatabase implements AutoCloseable {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String baseUrl;
    private final String schema;

    private PostgresDatabase(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** Connects, creates a uniquely named schema, and returns a handle to it. */
    public static PostgresDatabase create() {
        String baseUrl = System.getenv().getOrDefault("WHARF_TEST_POSTGRES_URL", DEFAULT_URL);
        // Only lower-case letters, digits and '_': the name goes into DDL unquoted.
        String schema = "wharf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = connect(baseUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not usable at " + baseUrl + " (user " + USER + ") — "
                    + e.getMessage() + " — these tests need the real engine; start it with: "
                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
        return new PostgresDatabase(baseUrl, schema);
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }

    public String schema() {
        return schema;
    }

    public String user() {
        return USER;
    }

    /** A JDBC URL whose connections work inside this schema only. */
    public String jdbcUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
        try (Connection connection = connect(baseUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
