package io.clarion.devstack.postgres;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL server is and how to log in, the same for the embedded server and an
 * external one ({@code CLARION_POSTGRES_URL}). {@code database} is the database the coordinates
 * name when no other is given ({@code postgres} for the embedded server); {@link #createDatabase}
 * connects to it. {@link #toString()} does not show the password.
 */
public record PostgresCoordinates(String host, int port, String database, String user, String password) {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int DEFAULT_PORT = 5432;

    public PostgresCoordinates {
        requireNonNull(host, "host");
        requireNonNull(database, "database");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database}; the port defaults to 5432 and the
     * database to {@code postgres}. Query parameters are ignored.
     */
    public static PostgresCoordinates fromJdbcUrl(String jdbcUrl, String user, String password) {
        requireNonNull(jdbcUrl, "jdbcUrl");
        String expected = " (expected: jdbc:postgresql://host[:port]/database)";
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("jdbcUrl: " + jdbcUrl + expected);
        }
        try {
            URI uri = new URI(jdbcUrl.substring("jdbc:".length()));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("jdbcUrl: " + jdbcUrl + " has no host" + expected);
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            return new PostgresCoordinates(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(),
                    path.isEmpty() ? "postgres" : path, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("jdbcUrl: " + jdbcUrl + expected, e);
        }
    }

    /** The JDBC URL of {@link #database()}. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + requireNonNull(database, "database");
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + requireNonNull(database, "database");
    }

    /** Opens a JDBC connection to {@code database}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /**
     * Creates the empty database {@code name}.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain lowercase identifier
     * @throws IllegalStateException when the server refuses, e.g. because it already exists
     */
    public void createDatabase(String name) {
        requireNonNull(name, "name");
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name: '" + name + "' (expected: " + DATABASE_NAME + ")");
        }
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Creates the empty database {@code name} unless a database of that name exists; see {@link #createDatabase}. */
    public void createDatabaseIfAbsent(String name) {
        requireNonNull(name, "name");
        try (Connection connection = connect(database);
             var query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the databases on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        createDatabase(name);
    }

    @Override
    public String toString() {
        return "PostgresCoordinates[" + jdbcUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + "]";
    }
}
