package dev.wharf.projection;

import java.util.List;
import java.util.Map;

/**
 * A read model built from the log. It keeps, in its own durable store and atomically with
 * its effects, the next offset to read per partition, so it resumes exactly where it stopped.
 */
public interface Projection {

    String name();

    /**
     * Whether this projection applies events of this wire type; the others reach it undecoded
     * (a {@link LoggedEvent} with a null event) and only move its positions. An unknown type
     * still stops the partition.
     */
    default boolean reads(String type) {
        return true;
    }

    /** Next offset to read per partition, as durably stored; absent partitions start at 0. */
    Map<Integer, Long> positions() throws Exception;

    /**
     * Applies a batch in log order (per partition) and stores the new positions with it.
     * Throws {@link StalePosition} when the stored positions moved under it (another instance
     * applied these events): nothing of the batch may then be kept.
     */
    void apply(List<LoggedEvent> batch) throws Exception;

    /** Someone else advanced this projection; the caller re-reads positions and carries on from there. */
    final class StalePosition extends Exception {
        public StalePosition(String message) {
            super(message);
        }
    }
}
