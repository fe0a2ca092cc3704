package dev.wharf.projection;

import dev.wharf.events.RegistryEvent;

/** An event as read back from the log, with where it sits. {@code event} is null when it could not be decoded. */
public record LoggedEvent(int partition, long offset, RegistryEvent event, String undecodable) {}
