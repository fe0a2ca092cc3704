package dev.wharf.packages;

import dev.wharf.registry.PackageReads;

import dev.wharf.downloads.DownloadHistory;
import dev.wharf.errors.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/packages/{name}/downloads?days=90}: downloads per UTC day and version, oldest day first. */
@Path("/api/v1/packages/{name: .+}/downloads")
@Produces(MediaType.APPLICATION_JSON)
public final class DownloadsResource {

    private final PackageReads reads;
    private final DownloadHistory history;

    public DownloadsResource(PackageReads reads, DownloadHistory history) {
        this.reads = reads;
        this.history = history;
    }

    @GET
    public DownloadHistory.Daily daily(@PathParam("name") String name, @QueryParam("days") String days) {
        String known = reads.versions(name).getFirst().name(); // 400 for a bad name, 404 for an unknown one
        return history.lastDays(known, days(days));
    }

    static int days(String days) {
        if (days == null || days.isBlank()) return DownloadHistory.DEFAULT_DAYS;
        int n;
        try {
            n = Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("days must be a whole number");
        }
        if (n < 1 || n > DownloadHistory.MAX_DAYS) {
            throw ApiError.badRequest("days must be between 1 and " + DownloadHistory.MAX_DAYS);
        }
        return n;
    }
}
