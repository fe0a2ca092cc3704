package dev.wharf.events;

import java.util.Map;
import java.util.UUID;

/** Downloads of one package counted by one node since its last flush, per version. */
public record DownloadsCounted(UUID eventId, String name, Map<String, Long> countsByVersion, String node)
        implements RegistryEvent {

    public DownloadsCounted {
        countsByVersion = Map.copyOf(countsByVersion);
    }

    @Override
    public String packageName() {
        return name;
    }
}
