package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.UUID;

/** Downloads of one package counted by one node since its last flush, per version. */
public record DownloadsCounted(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("name") String name,
        @JsonProperty("counts_by_version") Map<String, Long> countsByVersion,
        @JsonProperty("node") String node)
        implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "DownloadsCounted";
    public static final int SCHEMA = 1;

    public DownloadsCounted {
        countsByVersion = Map.copyOf(countsByVersion);
    }

    @Override
    public String packageName() {
        return name;
    }
}
