package dev.wharf.memory;

import dev.wharf.domain.NamespaceCount;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageSummary;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.RegistryStats;
import dev.wharf.domain.VersionRecord;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.LogPosition;
import dev.wharf.events.PublishVersion;
import dev.wharf.events.RegistryEvent;
import dev.wharf.ports.EventAppender;
import dev.wharf.ports.MetadataReads;
import dev.wharf.ports.ReplicaProgress;
import dev.wharf.ports.SearchIndex;
import dev.wharf.registry.PublishRules;
import dev.wharf.registry.SearchHit;
import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchQuery;
import dev.wharf.registry.VerdictBoard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's ports in one small in-memory object, for testing the core and the HTTP edge
 * without Kafka, a database or Lucene: the log is a list, each appended event is applied at once
 * by the same {@link PublishRules} the real projections use, and its verdict is announced on a
 * {@link VerdictBoard}. {@link #holdVerdicts()} makes it behave like a log whose indexer is down.
 */
public final class InMemoryRegistry implements EventAppender, MetadataReads, SearchIndex, ReplicaProgress {

    private final List<RegistryEvent> log = new ArrayList<>();
    private final Map<String, Map<String, VersionRecord>> packages = new TreeMap<>();
    private final Map<UUID, PublishOutcome> outcomes = new ConcurrentHashMap<>();
    private final VerdictBoard verdicts = new VerdictBoard(this::outcome);
    private volatile boolean holding;
    private volatile boolean down;

    public VerdictBoard verdicts() {
        return verdicts;
    }

    /** From now on events are appended but not applied, as when no indexer runs. */
    public InMemoryRegistry holdVerdicts() {
        holding = true;
        return this;
    }

    /** From now on every append fails, as when the log is unreachable. */
    public InMemoryRegistry logDown() {
        down = true;
        return this;
    }

    public synchronized List<RegistryEvent> events() {
        return List.copyOf(log);
    }

    @Override
    public synchronized CompletableFuture<LogPosition> append(RegistryEvent event) {
        if (down) return CompletableFuture.failedFuture(new IllegalStateException("the log is down"));
        log.add(event);
        LogPosition position = new LogPosition(0, log.size() - 1);
        if (!holding) apply(event);
        return CompletableFuture.completedFuture(position);
    }

    private void apply(RegistryEvent event) {
        switch (event) {
            case PublishVersion p -> {
                Map<String, VersionRecord> versions = packages.computeIfAbsent(p.name(), n -> new TreeMap<>());
                PublishOutcome outcome = switch (PublishRules.decide(p, key -> versions.containsKey(key))) {
                    case PublishRules.Decision.Accept a -> {
                        versions.put(PackageVersion.parse(p.version()).key(), record(p, 0));
                        yield new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.ACCEPTED, null);
                    }
                    case PublishRules.Decision.Conflict c ->
                            new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.CONFLICT, c.message());
                    case PublishRules.Decision.Reject r ->
                            new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.REJECTED, r.message());
                };
                if (versions.isEmpty()) packages.remove(p.name());
                outcomes.put(p.eventId(), outcome);
                verdicts.announce(List.of(outcome));
            }
            case DownloadsCounted d -> d.countsByVersion().forEach((version, n) -> {
                Map<String, VersionRecord> versions = packages.get(d.name());
                String key = PackageVersion.parse(version).key();
                VersionRecord v = versions == null ? null : versions.get(key);
                if (v != null) versions.put(key, withDownloads(v, v.downloads() + n));
            });
            // Governance events change nothing these edge tests read; TokensAndYanksTest covers them on the real engines.
            default -> { }
        }
    }

    private static VersionRecord record(PublishVersion p, long downloads) {
        return new VersionRecord(p.name(), p.version(), p.description(), p.license(), p.repository(), p.witUrl(),
                p.dependencies(), p.targets(), p.sha256(), p.size(), p.publishedAt(),
                p.wasm() == null ? null : p.wasm().kind(), p.wasm() == null ? List.of() : p.wasm().imports(),
                p.wasm() == null ? List.of() : p.wasm().exports(), p.wasm() == null ? null : p.wasm().world(), downloads,
                false, null, null);
    }

    private static VersionRecord withDownloads(VersionRecord v, long downloads) {
        return new VersionRecord(v.name(), v.version(), v.description(), v.license(), v.repository(), v.witUrl(),
                v.dependencies(), v.targets(), v.sha256(), v.size(), v.publishedAt(), v.kind(), v.imports(), v.exports(),
                v.world(), downloads, v.yanked(), v.yankReason(), v.deprecated());
    }

    @Override
    public synchronized List<String> packageNames() {
        return List.copyOf(packages.keySet());
    }

    @Override
    public synchronized Optional<List<VersionRecord>> versions(PackageName name) {
        Map<String, VersionRecord> versions = packages.get(name.toString());
        if (versions == null) return Optional.empty();
        return Optional.of(versions.values().stream()
                .sorted(Comparator.comparing((VersionRecord v) -> PackageVersion.parse(v.version()))).toList());
    }

    @Override
    public synchronized Optional<VersionRecord> version(PackageName name, PackageVersion version) {
        Map<String, VersionRecord> versions = packages.get(name.toString());
        return Optional.ofNullable(versions == null ? null : versions.get(version.key()));
    }

    @Override
    public synchronized Optional<VersionRecord> latest(PackageName name) {
        return versions(name).map(all -> {
            PackageVersion latest = PublishRules.latest(all.stream().map(v -> PackageVersion.parse(v.version())).toList());
            return all.stream().filter(v -> v.version().equals(latest.toString())).findFirst().orElseThrow();
        });
    }

    /** No audit trail here: governance is tested on the real engines (AuditTrailTest). */
    @Override
    public List<dev.wharf.domain.AuditEntry> audit(String after, int limit, String packageName, String actor) {
        return List.of();
    }

    @Override
    public Optional<PublishOutcome> outcome(UUID eventId) {
        return Optional.ofNullable(outcomes.get(eventId));
    }

    @Override
    public synchronized RegistryStats stats() {
        long versions = packages.values().stream().mapToLong(Map::size).sum();
        long downloads = packages.values().stream().flatMap(m -> m.values().stream()).mapToLong(VersionRecord::downloads).sum();
        return new RegistryStats(packages.size(), versions, downloads);
    }

    @Override
    public synchronized List<PackageSummary> packages(int offset, int limit) {
        return summaries().stream().skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized List<PackageSummary> topPackagesByDownloads(int limit) {
        return summaries().stream().filter(s -> s.downloads() > 0)
                .sorted(Comparator.comparingLong(PackageSummary::downloads).reversed().thenComparing(PackageSummary::name))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<VersionRecord> newestVersions(int limit) {
        return packages.values().stream().flatMap(m -> m.values().stream())
                .sorted(Comparator.comparingLong(VersionRecord::publishedAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized List<NamespaceCount> namespaceCounts(int limit) {
        Map<String, Long> counts = new TreeMap<>();
        packages.keySet().forEach(n -> counts.merge(PackageName.parse(n).namespace(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> new NamespaceCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(NamespaceCount::packageCount).reversed()).limit(limit).toList();
    }

    private List<PackageSummary> summaries() {
        List<PackageSummary> out = new ArrayList<>();
        for (String name : packages.keySet()) {
            VersionRecord latest = latest(PackageName.parse(name)).orElseThrow();
            List<VersionRecord> all = versions(PackageName.parse(name)).orElseThrow();
            out.add(new PackageSummary(name, latest.version(), latest.description(), all.size(),
                    all.stream().mapToLong(VersionRecord::downloads).sum(), latest.publishedAt()));
        }
        return out;
    }

    /** Search here is a plain substring match on names and descriptions: enough to test the edge, not ranking. */
    @Override
    public synchronized SearchPage search(SearchQuery query) {
        String text = query.text().toLowerCase(Locale.ROOT);
        List<SearchHit> hits = new ArrayList<>();
        for (String name : packages.keySet()) {
            VersionRecord latest = latest(PackageName.parse(name)).orElseThrow();
            if (!name.contains(text) && !latest.description().toLowerCase(Locale.ROOT).contains(text)) continue;
            PublishVersion event = new PublishVersion(UUID.nameUUIDFromBytes(name.getBytes()), latest.publishedAt(), name,
                    latest.version(), latest.description(), latest.license(), latest.repository(), latest.witUrl(),
                    latest.dependencies(), latest.targets(), latest.sha256(), latest.size(), null, null);
            hits.add(new SearchHit(event, latest.downloads()));
        }
        List<SearchHit> page = hits.stream().skip(query.offset()).limit(query.limit()).toList();
        return new SearchPage(hits.size(), page);
    }

    @Override
    public boolean awaitApplied(LogPosition position, long deadlineNanos) {
        return !holding;
    }

    @Override
    public synchronized boolean sawPublish(UUID eventId) {
        return log.stream().anyMatch(e -> e.eventId().equals(eventId));
    }
}
