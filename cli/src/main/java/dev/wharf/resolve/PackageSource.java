package dev.wharf.resolve;

import java.util.List;
import java.util.Set;

/** Where the resolver learns which versions exist and what each depends on (the registry, in practice). */
public interface PackageSource {

    /** The versions of {@code name} offered for new resolution (not yanked); empty when the registry does not know the package. */
    List<Version> versions(String name);

    /** The yanked versions of {@code name}: chosen only when a lockfile already holds them (cargo's rule, issue 10). */
    default Set<Version> yanked(String name) {
        return Set.of();
    }

    Release release(String name, Version version);
}
