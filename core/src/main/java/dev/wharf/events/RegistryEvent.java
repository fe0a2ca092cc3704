package dev.wharf.events;

import java.util.UUID;

/**
 * Every state change of the registry. The log of these events is the source of truth;
 * tables and search indexes are functions of it.
 */
public sealed interface RegistryEvent permits PublishVersion, DownloadsCounted {

    UUID eventId();

    /** The Kafka key: every event of one package lands in one partition, in order. */
    String packageName();
}
