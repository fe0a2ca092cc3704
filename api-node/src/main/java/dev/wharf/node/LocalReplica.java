package dev.wharf.node;

import dev.wharf.events.LogPosition;
import dev.wharf.ports.ReplicaProgress;
import dev.wharf.projection.EventTail;
import dev.wharf.replica.SearchReplica;
import java.util.UUID;

/** This node's search replica as the core sees it: how far its tail has applied the log, and what it met there. */
record LocalReplica(EventTail tail, SearchReplica replica) implements ReplicaProgress {

    @Override
    public boolean awaitApplied(LogPosition position, long deadlineNanos) throws InterruptedException {
        if (!tail.awaitApplied(position, deadlineNanos)) return false;
        try {
            replica.makeSearchable();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public boolean sawPublish(UUID eventId) {
        return replica.sawPublish(eventId);
    }
}
