package dev.wharf.registry;

import dev.wharf.domain.PublishOutcome;
import dev.wharf.ports.PublishVerdicts;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where decided verdicts meet the requests waiting for them, in one JVM. The projection (or a
 * listener on the database's notifications) {@link #announce}s outcomes as they commit; a
 * waiting publish is completed at that moment. A request registers before its event is
 * appended, so it cannot miss the announcement; {@link #recheck} reads the store once for
 * every waiter after a gap in announcements (a listener that reconnected).
 */
public final class VerdictBoard implements PublishVerdicts {

    private final Map<UUID, CompletableFuture<PublishOutcome>> waiting = new ConcurrentHashMap<>();
    private final Function<UUID, Optional<PublishOutcome>> committed;

    /** @param committed reads a committed outcome from the metadata store */
    public VerdictBoard(Function<UUID, Optional<PublishOutcome>> committed) {
        this.committed = committed;
    }

    @Override
    public CompletableFuture<PublishOutcome> verdictOf(UUID eventId) {
        CompletableFuture<PublishOutcome> verdict = waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
        verdict.whenComplete((outcome, error) -> waiting.remove(eventId, verdict));
        return verdict;
    }

    /** Outcomes that are committed now. */
    public void announce(Collection<PublishOutcome> outcomes) {
        if (waiting.isEmpty()) return;
        for (PublishOutcome outcome : outcomes) {
            CompletableFuture<PublishOutcome> verdict = waiting.get(outcome.eventId());
            if (verdict != null) verdict.complete(outcome);
        }
    }

    /** Event ids whose outcome is committed now (a notification carries only the id); each is read once if someone waits. */
    public void announceIds(Collection<UUID> eventIds) {
        for (UUID id : eventIds) {
            CompletableFuture<PublishOutcome> verdict = waiting.get(id);
            if (verdict != null) committed.apply(id).ifPresent(verdict::complete);
        }
    }

    /** Reads the store once for every waiter: after announcements may have been missed. */
    public void recheck() {
        announceIds(java.util.List.copyOf(waiting.keySet()));
    }

    /** Requests waiting for a verdict now. */
    public int waiting() {
        return waiting.size();
    }
}
