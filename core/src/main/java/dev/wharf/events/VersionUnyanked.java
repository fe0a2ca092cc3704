package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/** A yank undone: the version is offered for resolution again. {@code at} is epoch milliseconds. */
public record VersionUnyanked(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("at") long at,
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("actor") Actor actor) implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "VersionUnyanked";
    public static final int SCHEMA = 1;


    @Override
    public String packageName() {
        return name;
    }
}
