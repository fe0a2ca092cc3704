package dev.wharf.governance;

import dev.wharf.events.LogPosition;

/** How far this node's own token projection has read the log: a change answers once it holds here. */
@FunctionalInterface
public interface AppliedHere {

    /** Waits until {@code position} is applied or the deadline passes; returns whether it got there. */
    boolean awaitApplied(LogPosition position, long deadlineNanos) throws InterruptedException;
}
