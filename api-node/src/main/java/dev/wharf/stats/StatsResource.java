package dev.wharf.stats;

import dev.wharf.ports.MetadataReads;
import dev.wharf.domain.RegistryStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import dev.wharf.wire.RegistryStatistics;

/**
 * {@code GET /api/v1/stats}: the four numbers the Run protocol defines, then extras that
 * client ignores: {@code top_packages}, {@code newest_versions} and {@code namespaces}.
 */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {

    private final RegistryHighlights highlights;
    private final Uptime uptime;

    public StatsResource(MetadataReads metadata, Uptime uptime) {
        this(new RegistryHighlights(metadata, Duration.ofSeconds(2)), uptime);
    }

    public StatsResource(RegistryHighlights highlights, Uptime uptime) {
        this.highlights = highlights;
        this.uptime = uptime;
    }

    @GET
    public RegistryStatistics stats() {
        RegistryStats stats = highlights.totals();
        RegistryHighlights.Lists lists = highlights.lists();
        return new RegistryStatistics(stats.packageCount(), stats.versionCount(), stats.downloadCount(), uptime.percent(),
                lists.topPackages().stream().map(p -> new RegistryStatistics.TopPackage(
                        p.name(), p.latestVersion(), p.description(), p.downloads())).toList(),
                lists.newestVersions().stream().map(v -> new RegistryStatistics.NewVersion(
                        v.name(), v.version(), v.description(), v.publishedAt())).toList(),
                lists.namespaces().stream().map(n -> new RegistryStatistics.NamespaceSize(
                        n.namespace(), n.packageCount())).toList());
    }
}
