package dev.wharf.projection;

import dev.wharf.events.RegistryEvent;

/**
 * An event as read back from the log, with where it sits. {@code event} is null when it could not
 * be decoded. {@code timestamp} is the Kafka record's timestamp (epoch ms; -1 when unknown).
 */
public record LoggedEvent(int partition, long offset, RegistryEvent event, String undecodable, long timestamp) {

    public LoggedEvent(int partition, long offset, RegistryEvent event, String undecodable) {
        this(partition, offset, event, undecodable, -1L);
    }
}
