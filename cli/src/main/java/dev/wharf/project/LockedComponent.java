package dev.wharf.project;

import dev.wharf.resolve.Version;
import java.util.List;

/** One {@code [[component]]} of {@code run.lock}: the exact version installed and its SHA-256. */
public record LockedComponent(String name, Version version, String sha256, List<String> dependencies) {

    public LockedComponent {
        dependencies = List.copyOf(dependencies);
    }

    public String coordinates() {
        return name + "@" + version;
    }
}
