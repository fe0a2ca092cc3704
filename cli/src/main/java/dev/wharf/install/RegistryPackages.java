package dev.wharf.install;

import dev.wharf.wire.DependencyRef;
import dev.wharf.wire.PackageMeta;
import dev.wharf.client.RegistryClient;
import dev.wharf.client.RegistryError;
import dev.wharf.wire.VersionList;
import dev.wharf.resolve.PackageSource;
import dev.wharf.resolve.Release;
import dev.wharf.resolve.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry seen as a {@link PackageSource}; keeps each version's metadata for the download that
 * follows. Asks for the versions with {@code ?include_yanked=true} (issue 10) so a yanked version
 * the lockfile holds can be kept; a registry that ignores the parameter reads as nothing yanked.
 */
final class RegistryPackages implements PackageSource {

    private final RegistryClient client;
    private final Map<String, PackageMeta> metas = new HashMap<>();
    private final Map<String, VersionList> lists = new HashMap<>();

    RegistryPackages(RegistryClient client) {
        this.client = client;
    }

    @Override
    public List<Version> versions(String name) {
        return semver(list(name).offered());
    }

    @Override
    public Set<Version> yanked(String name) {
        return new TreeSet<>(semver(list(name).yankedVersions()));
    }

    private VersionList list(String name) {
        return lists.computeIfAbsent(name, n -> {
            try {
                return client.versionList(n, true);
            } catch (RegistryError e) {
                if (e.kind() == RegistryError.Kind.NOT_FOUND) return new VersionList(n, List.of(), List.of());
                throw e;
            }
        });
    }

    private static List<Version> semver(List<String> raw) {
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
        for (DependencyRef d : meta.dependencies()) needs.add(new Release.Needs(d.name(), d.version()));
        return new Release(name, version, meta.sha256(), needs);
    }

    RegistryClient client() {
        return client;
    }

    /** The metadata of {@code name@version} if this run fetched it, else null: what install and update warn about. */
    PackageMeta fetched(String name, Version version) {
        return metas.get(name + "@" + version);
    }

    PackageMeta meta(String name, Version version) {
        return metas.computeIfAbsent(name + "@" + version, k -> client.meta(name, version.toString()));
    }
}
