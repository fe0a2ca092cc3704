package dev.wharf.install;

import dev.wharf.client.DependencySpec;
import dev.wharf.client.PackageMeta;
import dev.wharf.client.RegistryClient;
import dev.wharf.client.RegistryError;
import dev.wharf.resolve.PackageSource;
import dev.wharf.resolve.Release;
import dev.wharf.resolve.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The registry seen as a {@link PackageSource}; keeps each version's metadata for the download that follows. */
final class RegistryPackages implements PackageSource {

    private final RegistryClient client;
    private final Map<String, PackageMeta> metas = new HashMap<>();

    RegistryPackages(RegistryClient client) {
        this.client = client;
    }

    @Override
    public List<Version> versions(String name) {
        List<String> raw;
        try {
            raw = client.versions(name);
        } catch (RegistryError e) {
            if (e.kind() == RegistryError.Kind.NOT_FOUND) return List.of();
            throw e;
        }
        List<Version> out = new ArrayList<>();
        for (String v : raw) {
            if (Version.isValid(v)) out.add(Version.parse(v)); // as Run: skip what is not semver
        }
        return out;
    }

    @Override
    public Release release(String name, Version version) {
        PackageMeta meta = meta(name, version);
        List<Release.Needs> needs = new ArrayList<>();
        for (DependencySpec d : meta.dependencies()) needs.add(new Release.Needs(d.name(), d.version()));
        return new Release(name, version, meta.sha256(), needs);
    }

    RegistryClient client() {
        return client;
    }

    PackageMeta meta(String name, Version version) {
        return metas.computeIfAbsent(name + "@" + version, k -> client.meta(name, version.toString()));
    }
}
