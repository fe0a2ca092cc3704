package dev.wharf.indexer;

import dev.wharf.projection.EventTail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /status}: which partitions this indexer applies, where it is, and how far behind. */
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public final class IndexerStatusResource {

    private final EventTail tail;

    public IndexerStatusResource(EventTail tail) {
        this.tail = tail;
    }

    @GET
    public Map<String, Object> status() {
        return Map.of(
                "partitions", new TreeMap<>(tail.appliedPositions()).keySet().stream()
                        .filter(tail.ownedPartitions()::contains).toList(),
                "positions", new TreeMap<>(tail.appliedPositions()),
                "lag", tail.lag(),
                "running", tail.isRunning());
    }
}
