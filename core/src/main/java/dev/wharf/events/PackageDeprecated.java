package dev.wharf.events;

import java.util.UUID;

/**
 * A package marked deprecated with a message for its users, or, with a null {@code message},
 * no longer deprecated: one event type for both, because the state is just "the current
 * message", and the last event in log order sets it. {@code at} is epoch milliseconds.
 */
public record PackageDeprecated(UUID eventId, long at, String name, String message, Actor actor) implements RegistryEvent {

    @Override
    public String packageName() {
        return name;
    }
}
