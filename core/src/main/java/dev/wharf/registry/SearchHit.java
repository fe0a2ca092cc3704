package dev.wharf.registry;

import dev.wharf.events.PublishVersion;

/**
 * One package found: its latest version as published (never a yanked one unless every version
 * is), how often it was downloaded, whether that version is yanked, and the package's
 * deprecation message (null: not deprecated).
 */
public record SearchHit(PublishVersion latest, long downloads, boolean yanked, String deprecated) {

    public SearchHit(PublishVersion latest, long downloads) {
        this(latest, downloads, false, null);
    }
}
