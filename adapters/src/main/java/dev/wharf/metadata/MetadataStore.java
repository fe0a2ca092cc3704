package dev.wharf.metadata;

import dev.wharf.domain.NamespaceCount;
import dev.wharf.domain.PackageSummary;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.RegistryStats;
import dev.wharf.domain.VersionRecord;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.domain.Dependency;
import dev.wharf.ports.MetadataReads;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The metadata read model, on PostgreSQL or SQLite through the same SQL. Reads are plain
 * queries; every write goes through {@link #write}, which the projection uses to apply a
 * batch of events and its log offsets in one transaction.
 */
public final class MetadataStore implements MetadataReads {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Dependency>> DEPENDENCIES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final String binaryCollation;
    private final boolean postgres;

    public MetadataStore(Jdbi jdbi) {
        // Every statement here is fixed text with named binds: skip template parsing per call.
        this.jdbi = jdbi.setTemplateEngine(org.jdbi.v3.core.statement.TemplateEngine.NOP);
        // Names sort bytewise on both engines: SQLite does by default, PostgreSQL follows the
        // database's locale unless told, and replicas on different engines must agree.
        String product = jdbi.withHandle(h -> {
            try {
                return h.getConnection().getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
        });
        this.postgres = product.toLowerCase().contains("postgres");
        this.binaryCollation = postgres ? " COLLATE \"C\"" : "";
        // PostgreSQL's text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"),
        // and a projection that cannot store an event stops at it for good: one publish whose
        // description held a NUL stalled a cluster's metadata, and every later publish stayed
        // pending (ops/fuzz through the LB, issue 14). Every string bound here stores its NULs
        // as U+FFFD instead; SQLite keeps them as they are.
        if (postgres) this.jdbi.registerArgument(new NulFreeStrings());
    }

    /** Strings for PostgreSQL: U+0000 becomes U+FFFD, the rest is bound as it is. */
    static final class NulFreeStrings extends org.jdbi.v3.core.argument.AbstractArgumentFactory<String> {
        NulFreeStrings() {
            super(java.sql.Types.VARCHAR);
        }

        @Override
        protected org.jdbi.v3.core.argument.Argument build(String value, org.jdbi.v3.core.config.ConfigRegistry config) {
            String stored = value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
            return (position, statement, context) -> statement.setString(position, stored);
        }
    }

    /** Brings the schema to the current version; safe to run on every start, from every node. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** Whether this store is PostgreSQL, whose notifications push verdicts to other processes. */
    public boolean isPostgres() {
        return postgres;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public List<String> packageNames() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM packages ORDER BY name" + binaryCollation).mapTo(String.class).list());
    }

    /** All versions of a package in semver order, or empty when the package is unknown. */
    @Override
    public Optional<List<VersionRecord>> versions(PackageName name) {
        List<VersionRecord> rows = jdbi.withHandle(h -> h.createQuery(SELECT_VERSION + " WHERE v.name = :name")
                .bind("name", name.toString()).map(MetadataStore::versionRow).list());
        if (rows.isEmpty()) return Optional.empty();
        return Optional.of(rows.stream().sorted(Comparator.comparing(v -> PackageVersion.parse(v.version()))).toList());
    }

    @Override
    public Optional<VersionRecord> version(PackageName name, PackageVersion version) {
        return jdbi.withHandle(h -> h.createQuery(SELECT_VERSION + " WHERE v.name = :name AND v.version_key = :key")
                .bind("name", name.toString()).bind("key", version.key()).map(MetadataStore::versionRow).findOne());
    }

    @Override
    public Optional<VersionRecord> latest(PackageName name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT_VERSION
                        + " JOIN packages p ON p.name = v.name AND p.latest_version = v.version WHERE v.name = :name")
                .bind("name", name.toString()).map(MetadataStore::versionRow).findOne());
    }

    @Override
    public RegistryStats stats() {
        return jdbi.withHandle(h -> new RegistryStats(
                h.createQuery("SELECT COUNT(*) FROM packages").mapTo(Long.class).one(),
                h.createQuery("SELECT COUNT(*) FROM versions").mapTo(Long.class).one(),
                h.createQuery("SELECT COALESCE(SUM(downloads), 0) FROM download_counts").mapTo(Long.class).one()));
    }

    /** Packages by name for list pages, with their newest version's description. */
    @Override
    public List<PackageSummary> packages(int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.name, p.latest_version, v.description, p.updated_at,
                               (SELECT COUNT(*) FROM versions c WHERE c.name = p.name) AS version_count,
                               (SELECT COALESCE(SUM(d.downloads), 0) FROM download_counts d WHERE d.name = p.name) AS downloads
                        FROM packages p JOIN versions v ON v.name = p.name AND v.version = p.latest_version
                        ORDER BY p.name%s LIMIT :limit OFFSET :offset""".formatted(binaryCollation))
                .bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new PackageSummary(rs.getString("name"), rs.getString("latest_version"),
                        rs.getString("description"), rs.getInt("version_count"), rs.getLong("downloads"),
                        rs.getLong("updated_at")))
                .list());
    }

    /** The most downloaded packages, most first (ties by name); packages never downloaded are left out. */
    @Override
    public List<PackageSummary> topPackagesByDownloads(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.name, p.latest_version, v.description, p.updated_at, d.downloads,
                               (SELECT COUNT(*) FROM versions c WHERE c.name = p.name) AS version_count
                        FROM (SELECT name, SUM(downloads) AS downloads FROM download_counts GROUP BY name) d
                        JOIN packages p ON p.name = d.name
                        JOIN versions v ON v.name = p.name AND v.version = p.latest_version
                        WHERE d.downloads > 0
                        ORDER BY d.downloads DESC, p.name LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new PackageSummary(rs.getString("name"), rs.getString("latest_version"),
                        rs.getString("description"), rs.getInt("version_count"), rs.getLong("downloads"),
                        rs.getLong("updated_at")))
                .list());
    }

    /** The most recently published versions, newest first, whatever package they belong to. */
    @Override
    public List<VersionRecord> newestVersions(int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT_VERSION
                        + " WHERE v.yanked = 0 ORDER BY v.published_at DESC, v.name, v.version_key LIMIT :limit")
                .bind("limit", limit).map(MetadataStore::versionRow).list());
    }

    /** Packages per namespace, biggest first (ties by namespace). */
    @Override
    public List<NamespaceCount> namespaceCounts(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT namespace, COUNT(*) AS packages FROM packages
                        GROUP BY namespace ORDER BY packages DESC, namespace LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new NamespaceCount(rs.getString("namespace"), rs.getLong("packages")))
                .list());
    }

    @Override
    public List<dev.wharf.domain.AuditEntry> audit(String after, int limit, String packageName, String actor) {
        long[] from = cursor(after);
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE (at > :at OR (at = :at AND (log_partition > :p"
                + " OR (log_partition = :p AND log_offset > :o))))");
        if (packageName != null) sql.append(" AND package = :package");
        if (actor != null) sql.append(" AND (token_id = :actor OR token_name = :actor)");
        sql.append(" ORDER BY at, log_partition, log_offset LIMIT :limit");
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("at", from[0]).bind("p", (int) from[1]).bind("o", from[2])
                    .bind("limit", limit);
            if (packageName != null) query.bind("package", packageName);
            if (actor != null) query.bind("actor", actor);
            return query.map((rs, ctx) -> new dev.wharf.domain.AuditEntry(
                    rs.getLong("at") + "." + rs.getInt("log_partition") + "." + rs.getLong("log_offset"),
                    rs.getLong("at"), rs.getString("type"), rs.getString("token_id"), rs.getString("token_name"),
                    rs.getString("node"), rs.getString("package"), rs.getString("version"), rs.getString("detail"))).list();
        });
    }

    /** {@code at.partition.offset} as numbers; null or blank is the start of the trail. */
    private static long[] cursor(String after) {
        if (after == null || after.isBlank()) return new long[] {Long.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE};
        String[] parts = after.strip().split("\\.");
        try {
            if (parts.length != 3) throw new NumberFormatException();
            return new long[] {Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2])};
        } catch (NumberFormatException e) {
            throw new dev.wharf.domain.InvalidInput("after must be a cursor from an earlier answer's \"next\"");
        }
    }

    @Override
    public Optional<PublishOutcome> outcome(UUID eventId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT event_id, name, version, outcome, message FROM publish_outcomes WHERE event_id = :id")
                .bind("id", eventId.toString())
                .map((rs, ctx) -> new PublishOutcome(UUID.fromString(rs.getString("event_id")), rs.getString("name"),
                        rs.getString("version"), PublishOutcome.Kind.valueOf(rs.getString("outcome")),
                        rs.getString("message")))
                .findOne());
    }

    /** The next offset to read per partition for one projection; partitions never applied are absent. */
    public Map<Integer, Long> positions(String projection) {
        return jdbi.withHandle(h -> {
            Map<Integer, Long> positions = new HashMap<>();
            h.createQuery("SELECT log_partition, next_offset FROM projection_offsets WHERE projection = :p")
                    .bind("p", projection)
                    .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                    .forEach(e -> positions.put(e.getKey(), e.getValue()));
            return positions;
        });
    }

    /** Runs {@code work} in one transaction; nothing of it is visible unless all of it commits. */
    public <T> T write(Function<MetadataTransaction, T> work) {
        return jdbi.inTransaction(h -> work.apply(new MetadataTransaction(h, postgres)));
    }

    /**
     * Every row of the projection in a fixed order, as text. Two stores built from the same log
     * prefix give equal dumps; {@code rebuild} compares them.
     */
    public List<String> canonicalDump() {
        return snapshot(null).rows();
    }

    /** Positions and rows read in one serializable transaction, so they describe the same log prefix. */
    public record Snapshot(Map<Integer, Long> positions, List<String> rows) {}

    public Snapshot snapshot(String projection) {
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.SERIALIZABLE, h -> {
            Map<Integer, Long> positions = new HashMap<>();
            h.createQuery("SELECT log_partition, next_offset FROM projection_offsets WHERE projection = :p")
                    .bind("p", projection == null ? "" : projection)
                    .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                    .forEach(e -> positions.put(e.getKey(), e.getValue()));
            List<String> lines = new java.util.ArrayList<>();
            String c = binaryCollation;
            dumpTable(h, "packages", "name" + c, lines);
            dumpTable(h, "versions", "name" + c + ", version_key" + c, lines);
            dumpTable(h, "publish_outcomes", "event_id" + c, lines);
            dumpTable(h, "download_counts", "name" + c + ", version_key" + c, lines);
            dumpTable(h, "download_days", "name" + c + ", day" + c + ", version_key" + c, lines);
            dumpTable(h, "audit_log", "log_partition, log_offset", lines);
            return new Snapshot(positions, lines);
        });
    }

    private static void dumpTable(Handle h, String table, String order, List<String> lines) {
        h.createQuery("SELECT * FROM " + table + " ORDER BY " + order).map((rs, ctx) -> {
            StringBuilder line = new StringBuilder(table);
            int columns = rs.getMetaData().getColumnCount();
            for (int i = 1; i <= columns; i++) {
                line.append(" | ").append(rs.getMetaData().getColumnName(i).toLowerCase()).append('=').append(rs.getString(i));
            }
            return line.toString();
        }).forEach(lines::add);
    }

    static final String SELECT_VERSION = """
            SELECT v.*, (SELECT COALESCE(SUM(d.downloads), 0) FROM download_counts d
                         WHERE d.name = v.name AND d.version_key = v.version_key) AS downloads,
                        (SELECT pd.deprecated FROM packages pd WHERE pd.name = v.name) AS deprecated
            FROM versions v""";

    static VersionRecord versionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new VersionRecord(
                rs.getString("name"), rs.getString("version"), rs.getString("description"),
                rs.getString("license"), rs.getString("repository"), rs.getString("wit_url"),
                fromJson(rs.getString("dependencies"), DEPENDENCIES), fromJson(rs.getString("targets"), STRINGS),
                rs.getString("sha256"), rs.getLong("size"), rs.getLong("published_at"), rs.getString("kind"),
                fromJson(rs.getString("imports"), STRINGS), fromJson(rs.getString("exports"), STRINGS),
                rs.getString("world"), rs.getLong("downloads"), rs.getInt("yanked") != 0, rs.getString("yank_reason"),
                rs.getString("deprecated"));
    }

    private static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getMessage(), e);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
