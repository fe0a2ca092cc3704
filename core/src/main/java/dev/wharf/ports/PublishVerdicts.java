package dev.wharf.ports;

import dev.wharf.domain.PublishOutcome;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the metadata projection decided about each publish event, pushed to whoever waits for
 * it the moment the decision is committed: no waiting request polls the store.
 */
public interface PublishVerdicts {

    /**
     * Completes with the committed outcome of {@code eventId}: at once when it is already
     * decided, else when the projection decides it. The caller bounds the wait.
     */
    CompletableFuture<PublishOutcome> verdictOf(UUID eventId);
}
