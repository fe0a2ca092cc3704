package dev.wharf.metadata;

import dev.wharf.domain.PublishOutcome;

import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.PublishVersion;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The writes a projection may make, all inside one open transaction. */
public final class MetadataTransaction {

    /** The PostgreSQL channel verdicts are announced on; see {@link #announceVerdict}. */
    public static final String VERDICT_CHANNEL = "wharf_verdicts";

    private final Handle handle;
    private final boolean postgres;

    MetadataTransaction(Handle handle, boolean postgres) {
        this.handle = handle;
        this.postgres = postgres;
    }

    /** Whether a version with this key (semver without build metadata) of the package was accepted. */
    public boolean hasVersion(String name, String versionKey) {
        return handle.createQuery("SELECT 1 FROM versions WHERE name = :name AND version_key = :key")
                .bind("name", name).bind("key", versionKey).mapTo(Integer.class).findOne().isPresent();
    }

    /**
     * Tells every listening api-node that this event's outcome is decided. PostgreSQL delivers a
     * notification only when the transaction commits, so nobody hears of a verdict that could
     * still roll back; on SQLite (one process) the projection announces in memory instead.
     */
    public void announceVerdict(java.util.UUID eventId) {
        if (postgres) {
            handle.createQuery("SELECT 1 FROM (SELECT pg_notify(:channel, :id)) AS notified").bind("channel", VERDICT_CHANNEL)
                    .bind("id", eventId.toString()).mapTo(Integer.class).one();
        }
    }

    /**
     * Adds the version unless one with the same precedence exists. Returns false on a
     * conflict: the first event in log order already won.
     */
    public boolean insertVersion(PublishVersion event) {
        PackageName name = PackageName.parse(event.name());
        PackageVersion version = PackageVersion.parse(event.version());
        int inserted = handle.createUpdate("""
                        INSERT INTO versions (name, version_key, version, description, license, repository, wit_url,
                            dependencies, targets, sha256, size, published_at, kind, imports, exports, world, event_id)
                        VALUES (:name, :key, :version, :description, :license, :repository, :witUrl,
                            :dependencies, :targets, :sha256, :size, :publishedAt, :kind, :imports, :exports, :world, :eventId)
                        ON CONFLICT (name, version_key) DO NOTHING""")
                .bind("name", name.toString())
                .bind("key", version.key())
                .bind("version", version.toString())
                .bind("description", event.description() == null ? "" : event.description())
                .bind("license", event.license())
                .bind("repository", event.repository())
                .bind("witUrl", event.witUrl())
                .bind("dependencies", MetadataStore.toJson(event.dependencies()))
                .bind("targets", MetadataStore.toJson(event.targets()))
                .bind("sha256", event.sha256())
                .bind("size", event.size())
                .bind("publishedAt", event.publishedAt())
                .bind("kind", event.wasm() == null ? null : event.wasm().kind())
                .bind("imports", MetadataStore.toJson(event.wasm() == null ? List.of() : event.wasm().imports()))
                .bind("exports", MetadataStore.toJson(event.wasm() == null ? List.of() : event.wasm().exports()))
                .bind("world", event.wasm() == null ? null : event.wasm().world())
                .bind("eventId", event.eventId().toString())
                .execute();
        if (inserted == 0) return false;

        PackageVersion latest = latest(name.toString());
        int updated = handle.createUpdate(
                        "UPDATE packages SET latest_version = :latest, updated_at = :at WHERE name = :name")
                .bind("latest", latest.toString()).bind("at", event.publishedAt()).bind("name", name.toString())
                .execute();
        if (updated == 0) {
            handle.createUpdate("""
                            INSERT INTO packages (name, namespace, latest_version, created_at, updated_at)
                            VALUES (:name, :namespace, :latest, :at, :at)""")
                    .bind("name", name.toString()).bind("namespace", name.namespace())
                    .bind("latest", latest.toString()).bind("at", event.publishedAt())
                    .execute();
        }
        return true;
    }

    /** {@link dev.wharf.registry.PublishRules#latest(java.util.Collection, java.util.Set)} over the package's rows. */
    private PackageVersion latest(String name) {
        List<PackageVersion> versions = new java.util.ArrayList<>();
        java.util.Set<String> yanked = new java.util.HashSet<>();
        handle.createQuery("SELECT version, version_key, yanked FROM versions WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> {
                    versions.add(PackageVersion.parse(rs.getString(1)));
                    if (rs.getInt(3) != 0) yanked.add(rs.getString(2));
                    return 0;
                }).list();
        return dev.wharf.registry.PublishRules.latest(versions, yanked);
    }

    /**
     * Marks a version yanked ({@code yanked} true, with its reason) or offered again, and moves
     * the package's latest accordingly. Returns false when the version is not there.
     */
    public boolean setYanked(String name, String versionKey, boolean yanked, String reason) {
        int updated = handle.createUpdate(
                        "UPDATE versions SET yanked = :yanked, yank_reason = :reason WHERE name = :name AND version_key = :key")
                .bind("yanked", yanked ? 1 : 0).bind("reason", yanked ? reason : null)
                .bind("name", name).bind("key", versionKey).execute();
        if (updated == 0) return false;
        handle.createUpdate("UPDATE packages SET latest_version = :latest WHERE name = :name")
                .bind("latest", latest(name).toString()).bind("name", name).execute();
        return true;
    }

    /** Sets (or, with null, clears) the package's deprecation message; false when there is no such package. */
    public boolean setDeprecated(String name, String message) {
        return handle.createUpdate("UPDATE packages SET deprecated = :message WHERE name = :name")
                .bind("message", message).bind("name", name).execute() == 1;
    }

    /** One entry of the audit trail, at its log position (applying the same event twice keeps one). */
    public void recordAudit(int partition, long offset, long atMillis, java.util.UUID eventId, String type,
                            dev.wharf.events.Actor actor, String packageName, String version, String detail) {
        handle.createUpdate("""
                        INSERT INTO audit_log (at, log_partition, log_offset, event_id, type, token_id, token_name, node,
                            package, version, detail)
                        VALUES (:at, :partition, :offset, :eventId, :type, :tokenId, :tokenName, :node, :package, :version, :detail)
                        ON CONFLICT (log_partition, log_offset) DO NOTHING""")
                .bind("at", atMillis).bind("partition", partition).bind("offset", offset)
                .bind("eventId", eventId.toString()).bind("type", type)
                .bind("tokenId", actor == null ? null : actor.tokenId())
                .bind("tokenName", actor == null ? null : actor.tokenName())
                .bind("node", actor == null ? null : actor.node())
                .bind("package", packageName).bind("version", version).bind("detail", detail)
                .execute();
    }

    public void recordOutcome(PublishOutcome outcome) {
        handle.createUpdate("""
                        INSERT INTO publish_outcomes (event_id, name, version, outcome, message)
                        VALUES (:id, :name, :version, :outcome, :message)
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("id", outcome.eventId().toString()).bind("name", outcome.name())
                .bind("version", outcome.version()).bind("outcome", outcome.outcome().name())
                .bind("message", outcome.message())
                .execute();
    }

    private static final String ADD_DOWNLOADS = """
            INSERT INTO download_counts (name, version_key, downloads) VALUES (:name, :key, :count)
            ON CONFLICT (name, version_key) DO UPDATE SET downloads = download_counts.downloads + excluded.downloads""";
    private static final String ADD_DAILY_DOWNLOADS = """
            INSERT INTO download_days (name, day, version_key, version, downloads)
            VALUES (:name, :day, :key, :version, :count)
            ON CONFLICT (name, day, version_key) DO UPDATE SET downloads = download_days.downloads + excluded.downloads""";

    /** Downloads to add to one version's total, for {@link #addDownloads(Collection)}. */
    public record VersionDownloads(String name, String versionKey, long count) {}

    /** Downloads to add to one version on one UTC day ({@code yyyy-mm-dd}), for {@link #addDailyDownloads(Collection)}. */
    public record DayDownloads(String name, String day, String versionKey, String version, long count) {}

    public void addDownloads(String name, String versionKey, long count) {
        addDownloads(List.of(new VersionDownloads(name, versionKey, count)));
    }

    /**
     * Adds to many versions' totals in one prepared batch: a download storm brings a
     * {@code DownloadsCounted} per package every few seconds, and a statement per version was
     * most of the metadata projection's CPU (issue #12's JFR of the 50 KB download cell).
     */
    public void addDownloads(Collection<VersionDownloads> rows) {
        if (rows.isEmpty()) return;
        PreparedBatch batch = handle.prepareBatch(ADD_DOWNLOADS);
        for (VersionDownloads r : rows) batch.bind("name", r.name()).bind("key", r.versionKey()).bind("count", r.count()).add();
        batch.execute();
    }

    /** Adds to versions' downloads per UTC day in one prepared batch; see V2__download_days.sql. */
    public void addDailyDownloads(Collection<DayDownloads> rows) {
        if (rows.isEmpty()) return;
        PreparedBatch batch = handle.prepareBatch(ADD_DAILY_DOWNLOADS);
        for (DayDownloads r : rows) {
            batch.bind("name", r.name()).bind("day", r.day()).bind("key", r.versionKey()).bind("version", r.version())
                    .bind("count", r.count()).add();
        }
        batch.execute();
    }

    /**
     * Moves a projection's offset from {@code expected} to {@code next}. Returns false when the
     * stored offset is not {@code expected}: someone else applied these events, and the caller
     * must roll back rather than apply them twice.
     */
    public boolean advance(String projection, int partition, long expected, long next) {
        int updated = handle.createUpdate("""
                        UPDATE projection_offsets SET next_offset = :next
                        WHERE projection = :p AND log_partition = :partition AND next_offset = :expected""")
                .bind("next", next).bind("p", projection).bind("partition", partition).bind("expected", expected)
                .execute();
        if (updated == 1) return true;
        if (expected != 0) return false;
        int inserted = handle.createUpdate("""
                        INSERT INTO projection_offsets (projection, log_partition, next_offset) VALUES (:p, :partition, :next)
                        ON CONFLICT (projection, log_partition) DO NOTHING""")
                .bind("next", next).bind("p", projection).bind("partition", partition)
                .execute();
        return inserted == 1;
    }

    public java.util.Map<Integer, Long> positions(String projection) {
        java.util.Map<Integer, Long> positions = new java.util.HashMap<>();
        handle.createQuery("SELECT log_partition, next_offset FROM projection_offsets WHERE projection = :p")
                .bind("p", projection)
                .map((rs, ctx) -> java.util.Map.entry(rs.getInt(1), rs.getLong(2)))
                .forEach(e -> positions.put(e.getKey(), e.getValue()));
        return positions;
    }

    /** Drops every row of the projection, for a rebuild from the log. */
    public void truncateAll() {
        for (String table : List.of("packages", "versions", "publish_outcomes", "download_counts", "download_days", "audit_log", "projection_offsets")) {
            handle.execute("DELETE FROM " + table);
        }
    }
}
