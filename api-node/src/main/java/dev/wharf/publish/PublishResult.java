package dev.wharf.publish;

import dev.wharf.packages.PackageMeta;
import java.util.UUID;

/** How a publish ended for the client: published, or durable in the log but not yet decided. */
public sealed interface PublishResult {

    record Published(PackageMeta meta) implements PublishResult {}

    record Pending(UUID eventId, String status) implements PublishResult {}
}
