package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/** A managed token is no longer accepted, by any node, from this event on. {@code at} is epoch milliseconds. */
public record TokenRevoked(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("at") long at,
        @JsonProperty("token_id") String tokenId,
        @JsonProperty("reason") String reason,
        @JsonProperty("actor") Actor actor) implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "TokenRevoked";
    public static final int SCHEMA = 1;


    @Override
    public String packageName() {
        return null;
    }

    @Override
    public String key() {
        return "token:" + tokenId;
    }
}
