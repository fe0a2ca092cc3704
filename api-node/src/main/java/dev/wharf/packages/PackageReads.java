package dev.wharf.packages;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.errors.ApiError;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.metadata.VersionRecord;
import java.util.List;

/**
 * Reads of published packages from the metadata store. Any name or version that cannot exist
 * is a fast 404 (the Run client understands 404; anything else it retries as an outage).
 */
public final class PackageReads {

    private final MetadataStore metadata;
    private final String registryUrl;

    public PackageReads(MetadataStore metadata, String registryUrl) {
        this.metadata = metadata;
        this.registryUrl = registryUrl;
    }

    public List<String> names() {
        return metadata.packageNames();
    }

    public List<String> versions(String name) {
        PackageName parsed = name(name);
        return metadata.versions(parsed)
                .orElseThrow(() -> ApiError.notFound("package " + parsed + " not found"))
                .stream().map(VersionRecord::version).toList();
    }

    public List<VersionRecord> versionRecords(String name) {
        PackageName parsed = name(name);
        return metadata.versions(parsed).orElseThrow(() -> ApiError.notFound("package " + parsed + " not found"));
    }

    public VersionRecord version(String name, String version) {
        PackageName parsed = name(name);
        PackageVersion v;
        try {
            v = PackageVersion.parse(version);
        } catch (InvalidInput e) {
            throw ApiError.notFound(parsed + "@" + version.replaceAll("\\p{Cntrl}", "?") + " not found: " + e.getMessage());
        }
        return metadata.version(parsed, v).orElseThrow(() -> ApiError.notFound(parsed + "@" + v + " not found"));
    }

    public PackageMeta meta(String name, String version) {
        return PackageMeta.of(version(name, version), registryUrl);
    }

    private static PackageName name(String name) {
        try {
            return PackageName.parse(name);
        } catch (InvalidInput e) {
            throw ApiError.notFound("package not found: " + e.getMessage());
        }
    }
}
