package dev.wharf.ports;

import dev.wharf.domain.NamespaceCount;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageSummary;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.RegistryStats;
import dev.wharf.domain.VersionRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The metadata projection, read: what every node answers package reads, stats and list pages
 * from. A read of a backing store that is down throws; the edge answers 503 for it.
 */
public interface MetadataReads {

    /** Every package name, sorted bytewise. */
    List<String> packageNames();

    /** All versions of a package in semver order, or empty when the package is unknown. */
    Optional<List<VersionRecord>> versions(PackageName name);

    Optional<VersionRecord> version(PackageName name, PackageVersion version);

    /** The version the package shows as its latest ({@link dev.wharf.registry.PublishRules#latest}). */
    Optional<VersionRecord> latest(PackageName name);

    Optional<PublishOutcome> outcome(UUID eventId);

    RegistryStats stats();

    /** Packages by name for list pages, with their newest version's description. */
    List<PackageSummary> packages(int offset, int limit);

    /** The most downloaded packages, most first; packages never downloaded are left out. */
    List<PackageSummary> topPackagesByDownloads(int limit);

    /** The most recently published versions that are not yanked, newest first. */
    List<VersionRecord> newestVersions(int limit);

    /** Packages per namespace, biggest first. */
    List<NamespaceCount> namespaceCounts(int limit);

    /**
     * The audit trail after {@code after} (a cursor, null from the start), at most {@code limit}
     * entries, optionally only one package's ({@code packageName}) or one actor's (token id or
     * name).
     */
    List<dev.wharf.domain.AuditEntry> audit(String after, int limit, String packageName, String actor);
}
