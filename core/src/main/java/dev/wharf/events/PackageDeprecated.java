package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * A package marked deprecated with a message for its users, or, with a null {@code message},
 * no longer deprecated: one event type for both, because the state is just "the current
 * message", and the last event in log order sets it. {@code at} is epoch milliseconds.
 */
public record PackageDeprecated(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("at") long at,
        @JsonProperty("name") String name,
        @JsonProperty("message") String message,
        @JsonProperty("actor") Actor actor) implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "PackageDeprecated";
    public static final int SCHEMA = 1;


    @Override
    public String packageName() {
        return name;
    }
}
