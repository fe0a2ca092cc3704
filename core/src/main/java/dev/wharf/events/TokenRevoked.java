package dev.wharf.events;

import java.util.UUID;

/** A managed token is no longer accepted, by any node, from this event on. {@code at} is epoch milliseconds. */
public record TokenRevoked(UUID eventId, long at, String tokenId, String reason, Actor actor) implements RegistryEvent {

    @Override
    public String packageName() {
        return null;
    }

    @Override
    public String key() {
        return "token:" + tokenId;
    }
}
