package dev.wharf.packages;

import dev.wharf.domain.Dependency;
import dev.wharf.domain.VersionRecord;
import dev.wharf.events.PublishVersion;
import dev.wharf.wire.DependencyRef;
import dev.wharf.wire.PackageMeta;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The wire shapes of the registry's domain records: what the resources answer. */
public final class Representations {

    private Representations() {}

    public static PackageMeta meta(VersionRecord v, String registryUrl) {
        return new PackageMeta(v.name(), v.version(), v.description(), v.license(), v.size(), v.sha256(),
                downloadUrl(registryUrl, v.name(), v.version()), v.witUrl(), dependencies(v.dependencies()),
                v.targets(), v.repository(), v.publishedAt(), v.kind(), v.imports(), v.exports(), v.world(), v.downloads(),
                v.yanked(), v.yankReason(), v.deprecated());
    }

    /** A search hit: its latest version, whether that is yanked (only when all are), and the package's deprecation. */
    public static PackageMeta meta(dev.wharf.registry.SearchHit hit, String registryUrl) {
        PackageMeta m = meta(hit.latest(), hit.downloads(), registryUrl);
        return new PackageMeta(m.name(), m.version(), m.description(), m.license(), m.size(), m.sha256(), m.downloadUrl(),
                m.witUrl(), m.dependencies(), m.targets(), m.repository(), m.publishedAt(), m.kind(), m.imports(),
                m.exports(), m.world(), m.downloads(), hit.yanked(), null, hit.deprecated());
    }

    public static PackageMeta meta(PublishVersion p, long downloads, String registryUrl) {
        return new PackageMeta(p.name(), p.version(), p.description(), p.license(), p.size(), p.sha256(),
                downloadUrl(registryUrl, p.name(), p.version()), p.witUrl(), dependencies(p.dependencies()),
                p.targets(), p.repository(), p.publishedAt(),
                p.wasm() == null ? null : p.wasm().kind(), p.wasm() == null ? List.of() : p.wasm().imports(),
                p.wasm() == null ? List.of() : p.wasm().exports(), p.wasm() == null ? null : p.wasm().world(), downloads, false, null, null);
    }

    private static List<DependencyRef> dependencies(List<Dependency> dependencies) {
        return dependencies.stream().map(d -> new DependencyRef(d.name(), d.version(), d.optional())).toList();
    }

    /** Absolute, with the name as one path segment ({@code run%3Acalc%2Fcalculator}). */
    public static String downloadUrl(String registryUrl, String name, String version) {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        return base + "/packages/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(version, StandardCharsets.UTF_8) + "/artifact.wasm";
    }
}
