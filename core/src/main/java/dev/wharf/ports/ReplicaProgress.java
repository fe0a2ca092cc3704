package dev.wharf.ports;

import dev.wharf.events.LogPosition;
import java.util.UUID;

/**
 * How far this node's own search replica has applied the log: the read-your-writes watermark
 * a publish waits on before it answers 201, so the publisher finds its version by searching
 * the node that answered.
 */
public interface ReplicaProgress {

    /** Waits until the replica has applied {@code position} or the deadline passes; returns whether it got there. */
    boolean awaitApplied(LogPosition position, long deadlineNanos) throws InterruptedException;

    /**
     * Whether the replica has met this publish event in the log lately (it keeps a bounded
     * memory of them): a publish with no verdict yet is "pending" only if it is in the log.
     */
    boolean sawPublish(UUID eventId);
}
