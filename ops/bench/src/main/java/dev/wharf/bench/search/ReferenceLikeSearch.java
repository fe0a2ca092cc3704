package dev.wharf.bench.search;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The reference registry's search: SQLite tables shaped like its packages and versions, and
 * {@code name LIKE '%q%'} for a page of packages with their latest version, plus a count for
 * {@code total}. One connection per thread, read-only after loading, as a server would use it.
 */
final class ReferenceLikeSearch {

    private final String url;

    ReferenceLikeSearch(Path file) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    void load(List<SyntheticCatalog.Package> packages) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("""
                    CREATE TABLE packages (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,
                                           latest_version TEXT, downloads INTEGER NOT NULL DEFAULT 0, created_at INTEGER)""");
            s.execute("""
                    CREATE TABLE versions (id INTEGER PRIMARY KEY, package_id INTEGER NOT NULL, version TEXT NOT NULL,
                                           description TEXT, sha256 TEXT, size INTEGER, published_at INTEGER,
                                           UNIQUE (package_id, version))""");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                         "INSERT INTO packages (id, name, description, latest_version, downloads, created_at) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement v = c.prepareStatement(
                         "INSERT INTO versions (package_id, version, description, sha256, size, published_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                long id = 0;
                for (SyntheticCatalog.Package pkg : packages) {
                    id++;
                    p.setLong(1, id);
                    p.setString(2, pkg.name());
                    p.setString(3, pkg.description());
                    p.setString(4, SyntheticCatalog.VERSIONS[SyntheticCatalog.VERSIONS.length - 1]);
                    p.setLong(5, pkg.downloads());
                    p.setLong(6, 1_700_000_000L + id);
                    p.addBatch();
                    for (String version : SyntheticCatalog.VERSIONS) {
                        v.setLong(1, id);
                        v.setString(2, version);
                        v.setString(3, pkg.description());
                        v.setString(4, "ab".repeat(32));
                        v.setLong(5, 40_000);
                        v.setLong(6, 1_700_000_000L + id);
                        v.addBatch();
                    }
                    if (id % 5000 == 0) {
                        p.executeBatch();
                        v.executeBatch();
                    }
                }
                p.executeBatch();
                v.executeBatch();
            }
            c.commit();
        }
    }

    /** A per-thread searcher holding its own connection and statements. */
    final class Searcher implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement page;
        private final PreparedStatement count;

        Searcher() throws SQLException {
            connection = DriverManager.getConnection(url);
            page = connection.prepareStatement("""
                    SELECT p.name, v.version, v.description, v.sha256, v.size, v.published_at, p.downloads
                    FROM packages p JOIN versions v ON v.package_id = p.id AND v.version = p.latest_version
                    WHERE p.name LIKE ? ORDER BY p.name LIMIT ? OFFSET ?""");
            count = connection.prepareStatement("SELECT COUNT(*) FROM packages WHERE name LIKE ?");
        }

        /** Returns the total, after reading the page rows as a server would to answer. */
        long search(String text, int limit) throws SQLException {
            String like = "%" + text + "%";
            page.setString(1, like);
            page.setInt(2, limit);
            page.setInt(3, 0);
            long rows = 0;
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                    rs.getString(3);
                    rows++;
                }
            }
            count.setString(1, like);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return Math.max(rows, rs.getLong(1));
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
