package dev.wharf.stats;

import dev.wharf.ports.MetadataReads;
import dev.wharf.domain.NamespaceCount;
import dev.wharf.domain.PackageSummary;
import dev.wharf.domain.RegistryStats;
import dev.wharf.domain.VersionRecord;
import java.time.Duration;
import java.util.List;

/**
 * What the registry is showing off: the totals, the most downloaded packages, the newest
 * publishes and the biggest namespaces. The lists aggregate whole tables, so they are read at
 * most once per {@code maxAge} however often the front page or {@code /api/v1/stats} is asked;
 * the totals are always read fresh.
 */
public final class RegistryHighlights {

    public static final int LIST_SIZE = 10;

    /** One reading of the lists. */
    public record Lists(List<PackageSummary> topPackages, List<VersionRecord> newestVersions,
                        List<NamespaceCount> namespaces) {}

    private record Reading(Lists lists, long readAtNanos) {}

    private final MetadataReads metadata;
    private final long maxAgeNanos;
    private volatile Reading last;

    public RegistryHighlights(MetadataReads metadata, Duration maxAge) {
        this.metadata = metadata;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public RegistryStats totals() {
        return metadata.stats();
    }

    public Lists lists() {
        Reading reading = last;
        if (reading == null || System.nanoTime() - reading.readAtNanos() > maxAgeNanos) {
            reading = new Reading(new Lists(metadata.topPackagesByDownloads(LIST_SIZE),
                    metadata.newestVersions(LIST_SIZE), metadata.namespaceCounts(LIST_SIZE)), System.nanoTime());
            last = reading;
        }
        return reading.lists();
    }
}
