package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * A version is no longer offered for new resolution (crates.io's yank): it stays downloadable
 * and readable, so existing lockfiles keep installing it. {@code at} is epoch milliseconds.
 */
public record VersionYanked(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("at") long at,
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("reason") String reason,
        @JsonProperty("actor") Actor actor) implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "VersionYanked";
    public static final int SCHEMA = 1;


    @Override
    public String packageName() {
        return name;
    }
}
