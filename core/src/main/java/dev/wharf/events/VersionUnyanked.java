package dev.wharf.events;

import java.util.UUID;

/** A yank undone: the version is offered for resolution again. {@code at} is epoch milliseconds. */
public record VersionUnyanked(UUID eventId, long at, String name, String version, Actor actor) implements RegistryEvent {

    @Override
    public String packageName() {
        return name;
    }
}
