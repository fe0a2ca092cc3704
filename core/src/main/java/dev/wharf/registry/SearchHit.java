package dev.wharf.registry;

import dev.wharf.events.PublishVersion;

/** One package found: its latest version as published, and how often it was downloaded. */
public record SearchHit(PublishVersion latest, long downloads) {}
