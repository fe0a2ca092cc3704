package dev.wharf.resolve;

import java.util.List;

/** Where the resolver learns which versions exist and what each depends on (the registry, in practice). */
public interface PackageSource {

    /** Every published version of {@code name}; empty when the registry does not know the package. */
    List<Version> versions(String name);

    Release release(String name, Version version);
}
