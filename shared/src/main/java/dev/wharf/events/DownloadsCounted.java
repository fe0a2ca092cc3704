package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;

/**
 * Downloads of one package counted by one node since its last flush, per version.
 *
 * <p>{@code countedAt} ({@code counted_at}, epoch seconds) is when the node flushed the counts;
 * OPTIONAL: events written before it existed have none, and readers then take the log record's
 * own timestamp (the append time, at most one flush interval later). It is left out of the JSON
 * when null, so an event without it encodes to the same bytes as before.
 */
public record DownloadsCounted(UUID eventId, String name, Map<String, Long> countsByVersion, String node,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long countedAt)
        implements RegistryEvent {

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
