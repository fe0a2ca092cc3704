package dev.wharf.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read model built from the log. It keeps, in its own durable store and atomically with
 * its effects, the next offset to read per partition, so it resumes exactly where it stopped.
 */
public interface Projection {

    String name();

    /**
     * The wire types this projection applies, when it applies only some: the others reach it
     * undecoded (a {@link LoggedEvent} with a null event) and only move its positions, and their
     * type is read from the envelope alone. Empty: every type, each record decoded once. An
     * unknown type still stops the partition.
     */
    default Optional<Set<String>> onlyTypes() {
        return Optional.empty();
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
