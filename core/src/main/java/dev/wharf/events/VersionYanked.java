package dev.wharf.events;

import java.util.UUID;

/**
 * A version is no longer offered for new resolution (crates.io's yank): it stays downloadable
 * and readable, so existing lockfiles keep installing it. {@code at} is epoch milliseconds.
 */
public record VersionYanked(UUID eventId, long at, String name, String version, String reason, Actor actor)
        implements RegistryEvent {

    @Override
    public String packageName() {
        return name;
    }
}
