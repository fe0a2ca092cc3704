package dev.wharf.project;

import java.util.List;

/** {@code [registry]} of {@code run.toml}. Any field may be absent. */
public record RegistrySettings(String url, String authToken, List<String> mirrors) {

    public RegistrySettings {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    public static final RegistrySettings NONE = new RegistrySettings(null, null, List.of());
}
