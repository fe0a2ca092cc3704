package dev.wharf.registry;

import dev.wharf.events.PublishVersion;
import java.util.UUID;

/** How a publish ended for the client: published, or durable in the log but not yet decided. */
public sealed interface PublishResult {

    /** Accepted, applied to the metadata store and searchable on this node. */
    record Published(PublishVersion event) implements PublishResult {}

    /** In the log, but its verdict (or this node's replica) did not come in time: {@code status} is what is known. */
    record Pending(UUID eventId, String status) implements PublishResult {}
}
