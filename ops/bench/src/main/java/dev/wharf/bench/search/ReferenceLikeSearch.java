package dev.wharf.bench.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semver4j.Semver;

/**
 * The reference registry's search, as Run 2.0's {@code registry-server} does it
 * ({@code search_packages} in {@code registry-server/src/main.rs}): its two tables, one query
 * {@code p.name LIKE '%q%'} joined with every version and ordered by name, all matching rows read
 * and their JSON columns decoded, grouped by package, the highest semver kept, {@code total} = the
 * number of packages, and the page cut from that. One connection per thread, read-only after loading.
 */
final class ReferenceLikeSearch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> DEPENDENCIES = new TypeReference<>() {};
    private static final TypeReference<List<String>> TARGETS = new TypeReference<>() {};

    private final String url;

    ReferenceLikeSearch(Path file) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    void load(List<SyntheticCatalog.Package> packages) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            // Run's schema, column for column.
            s.execute("""
                    CREATE TABLE packages (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, namespace TEXT NOT NULL,
                                           description TEXT NOT NULL DEFAULT '', license TEXT, repository TEXT,
                                           created_at INTEGER NOT NULL)""");
            s.execute("""
                    CREATE TABLE versions (id INTEGER PRIMARY KEY AUTOINCREMENT, package_id INTEGER NOT NULL, version TEXT NOT NULL,
                                           description TEXT NOT NULL DEFAULT '', license TEXT, repository TEXT, size INTEGER NOT NULL,
                                           sha256 TEXT NOT NULL, published_at INTEGER NOT NULL, dependencies TEXT, targets TEXT,
                                           wit_url TEXT, UNIQUE(package_id, version))""");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                         "INSERT INTO packages (id, name, namespace, description, license, repository, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement v = c.prepareStatement("""
                         INSERT INTO versions (package_id, version, description, license, repository, size, sha256, published_at,
                                               dependencies, targets, wit_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                long id = 0;
                for (SyntheticCatalog.Package pkg : packages) {
                    id++;
                    String repository = "https://example.com/" + pkg.name().replace(':', '/');
                    p.setLong(1, id);
                    p.setString(2, pkg.name());
                    p.setString(3, pkg.namespace());
                    p.setString(4, pkg.description());
                    p.setString(5, "Apache-2.0");
                    p.setString(6, repository);
                    p.setLong(7, 1_700_000_000L + id);
                    p.addBatch();
                    for (String version : SyntheticCatalog.VERSIONS) {
                        v.setLong(1, id);
                        v.setString(2, version);
                        v.setString(3, pkg.description());
                        v.setString(4, "Apache-2.0");
                        v.setString(5, repository);
                        v.setLong(6, 40_000);
                        v.setString(7, "ab".repeat(32));
                        v.setLong(8, 1_700_000_000L + id);
                        v.setString(9, "[]");
                        v.setString(10, "[\"wasm32-wasip2\"]");
                        v.setString(11, null);
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

    /** One thread's way of answering with a reference method; returns {@code total}. */
    interface Search extends AutoCloseable {
        long search(String text, int limit) throws Exception;
    }

    /** The fields of Run's {@code PackageMeta} that a search answer carries. */
    record Hit(String name, String version, String description, String license, String repository, long size, String sha256,
               Long publishedAt, List<Map<String, Object>> dependencies, List<String> targets, String witUrl) {}

    /** A per-thread searcher holding its own connection and statement. */
    final class Searcher implements Search {
        private final Connection connection;
        private final PreparedStatement rows;

        Searcher() throws SQLException {
            connection = DriverManager.getConnection(url);
            rows = connection.prepareStatement("""
                    SELECT p.name, p.description, p.license, p.repository, v.version, v.sha256, v.size, v.published_at,
                           v.dependencies, v.targets, v.wit_url
                    FROM packages p JOIN versions v ON v.package_id = p.id
                    WHERE p.name LIKE ? ORDER BY p.name""");
        }

        /** Returns {@code total} after building the page as the reference server does. */
        @Override
        public long search(String text, int limit) throws Exception {
            rows.setString(1, "%" + text + "%");
            Map<String, List<Hit>> grouped = new HashMap<>();
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    String deps = rs.getString(9);
                    String targets = rs.getString(10);
                    long published = rs.getLong(8);
                    Hit hit = new Hit(rs.getString(1), rs.getString(5), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(7), rs.getString(6), rs.wasNull() ? null : published,
                            deps == null ? List.of() : JSON.readValue(deps, DEPENDENCIES),
                            targets == null ? List.of("wasm32-wasip2") : JSON.readValue(targets, TARGETS), rs.getString(11));
                    grouped.computeIfAbsent(hit.name(), n -> new ArrayList<>()).add(hit);
                }
            }
            List<Hit> latest = new ArrayList<>();
            for (List<Hit> versions : grouped.values()) {
                versions.sort((a, b) -> Semver.parse(a.version()).compareTo(Semver.parse(b.version())));
                latest.add(versions.getLast());
            }
            List<Hit> page = latest.stream().limit(limit).toList();
            // The page's sizes feed the result so the work cannot be optimised away.
            return latest.size() + (page.stream().mapToLong(Hit::size).sum() == Long.MIN_VALUE ? 1 : 0);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /**
     * The same LIKE done as well as SQL allows: the page of packages with {@code LIMIT} (walking
     * the name index, so it stops after the page), their versions by the (package, version)
     * index, the latest picked by semver, and {@code total} from a {@code COUNT(*)} — no rows
     * beyond the page. A stronger baseline than Run's own code, for a fair picture of LIKE.
     */
    final class PagedSearcher implements Search {
        private final Connection connection;
        private final PreparedStatement page;
        private final PreparedStatement count;

        PagedSearcher() throws SQLException {
            connection = DriverManager.getConnection(url);
            page = connection.prepareStatement("""
                    SELECT p.name, v.version, v.description, v.sha256, v.size, v.published_at
                    FROM (SELECT id, name FROM packages WHERE name LIKE ? ORDER BY name LIMIT ?) p
                    CROSS JOIN versions v ON v.package_id = p.id""");
            count = connection.prepareStatement("SELECT COUNT(*) FROM packages WHERE name LIKE ?");
        }

        @Override
        public long search(String text, int limit) throws SQLException {
            String like = "%" + text + "%";
            page.setString(1, like);
            page.setInt(2, limit);
            Map<String, String> latest = new HashMap<>();
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    String version = rs.getString(2);
                    rs.getString(3);
                    latest.merge(rs.getString(1), version, (a, b) -> Semver.parse(a).compareTo(Semver.parse(b)) >= 0 ? a : b);
                }
            }
            long rows = latest.size();
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
