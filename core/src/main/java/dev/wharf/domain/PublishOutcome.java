package dev.wharf.domain;

import java.util.UUID;

/** What the log decided about one publish event. */
public record PublishOutcome(UUID eventId, String name, String version, Kind outcome, String message) {

    public enum Kind { ACCEPTED, CONFLICT, REJECTED }
}
