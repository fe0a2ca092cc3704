package dev.wharf.events;

import java.util.UUID;

/**
 * Every state change of the registry. The log of these events is the source of truth;
 * tables and search indexes are functions of it.
 */
public sealed interface RegistryEvent
        permits PublishVersion, DownloadsCounted, TokenIssued, TokenRevoked, VersionYanked, VersionUnyanked,
                PackageDeprecated {

    UUID eventId();

    /** The package the event is about, or null for an event about no package (a token). */
    String packageName();

    /**
     * The Kafka key: every event of one package (or of one token, {@code token:<id>}) lands in
     * one partition, in order.
     */
    default String key() {
        return packageName();
    }

    /** Who appended it; null on events without one (downloads, publishes written before actors were recorded). */
    default Actor actor() {
        return null;
    }
}
