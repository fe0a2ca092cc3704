package dev.wharf.resolve;

import java.util.List;

/** One published version as the resolver needs it: its checksum and what it depends on. */
public record Release(String name, Version version, String sha256, List<Needs> dependencies) {

    /** A dependency as the registry lists it: a package name and a requirement in Cargo syntax. */
    public record Needs(String name, String requirement) {}

    public Release {
        dependencies = List.copyOf(dependencies);
    }
}
