package dev.wharf.ports;

import dev.wharf.events.LogPosition;
import dev.wharf.events.RegistryEvent;
import java.util.concurrent.CompletableFuture;

/**
 * The event log, as the core writes to it. An append completes only once the log holds the
 * event durably (Kafka: idempotent, {@code acks=all}); that is the only moment a change may be
 * acknowledged to a client.
 */
public interface EventAppender {

    /** Completes with where the event landed, or exceptionally when the log could not take it. */
    CompletableFuture<LogPosition> append(RegistryEvent event);
}
