package dev.wharf.registry;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.Refusal;
import dev.wharf.domain.VersionRecord;
import dev.wharf.ports.MetadataReads;
import java.util.List;

/**
 * Reads of published packages. Any name or version that cannot exist is not found at once,
 * without a query: the Run client understands a 404, and retries anything else as an outage.
 */
public final class PackageReads {

    private final MetadataReads metadata;

    public PackageReads(MetadataReads metadata) {
        this.metadata = metadata;
    }

    public List<String> names() {
        return metadata.packageNames();
    }

    /** Every version of a package in semver order. */
    public List<VersionRecord> versions(String name) {
        PackageName parsed = name(name);
        return metadata.versions(parsed).orElseThrow(() -> new Refusal.NotFound("package " + parsed + " not found"));
    }

    public VersionRecord version(String name, String version) {
        PackageName parsed = name(name);
        PackageVersion v;
        try {
            v = PackageVersion.parse(version);
        } catch (InvalidInput e) {
            throw new Refusal.NotFound(parsed + "@" + version.replaceAll("\\p{Cntrl}", "?") + " not found: " + e.getMessage());
        }
        return metadata.version(parsed, v).orElseThrow(() -> new Refusal.NotFound(parsed + "@" + v + " not found"));
    }

    private static PackageName name(String name) {
        try {
            return PackageName.parse(name);
        } catch (InvalidInput e) {
            throw new Refusal.NotFound("package not found: " + e.getMessage());
        }
    }
}
