package dev.wharf.indexer;

import dev.wharf.projection.EventTail;
import dev.wharf.projection.StoppedPartition;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
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

    /** What {@code GET /status} answers. */
    public record IndexerStatus(@JsonProperty("partitions") List<Integer> partitions,
                                @JsonProperty("positions") Map<Integer, Long> positions,
                                @JsonProperty("lag") long lag, @JsonProperty("running") boolean running,
                                // Partitions stopped at an event this build cannot read (docs/events.md).
                                @JsonProperty("stopped") List<String> stopped) {}

    @GET
    public IndexerStatus status() {
        return new IndexerStatus(
                new TreeMap<>(tail.appliedPositions()).keySet().stream().filter(tail.ownedPartitions()::contains).toList(),
                new TreeMap<>(tail.appliedPositions()), tail.lag(), tail.isRunning(),
                new TreeMap<>(tail.stopped()).values().stream().map(StoppedPartition::describe).toList());
    }
}
