package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.UUID;

/**
 * Downloads of one package counted by one node since its last flush, per version.
 *
 * <p>{@code counted_at} (epoch seconds, since schema 1 as an optional field) is when the node
 * flushed the counts. Events written before it existed have none; readers then take the log
 * record's own timestamp (the append time, at most one flush interval later). It is left out of
 * the JSON when null, so such an event encodes to the same bytes as before (golden file).
 */
public record DownloadsCounted(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("name") String name,
        @JsonProperty("counts_by_version") Map<String, Long> countsByVersion,
        @JsonProperty("node") String node,
        @JsonProperty("counted_at") @JsonInclude(JsonInclude.Include.NON_NULL) Long countedAt)
        implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "DownloadsCounted";
    public static final int SCHEMA = 1;

    public DownloadsCounted {
        countsByVersion = Map.copyOf(countsByVersion);
    }

    /** An event with no time of its own, as written before {@code counted_at} existed. */
    public DownloadsCounted(UUID eventId, String name, Map<String, Long> countsByVersion, String node) {
        this(eventId, name, countsByVersion, node, null);
    }

    @Override
    public String packageName() {
        return name;
    }
}
