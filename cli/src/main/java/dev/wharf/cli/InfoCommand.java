package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.wire.DependencyRef;
import dev.wharf.wire.PackageMeta;
import dev.wharf.client.RegistryClient;
import dev.wharf.client.RegistryError;
import dev.wharf.install.PackageSpec;
import dev.wharf.resolve.Requirement;
import dev.wharf.resolve.Version;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wharf info ns:pkg[@version] [--json]}: without a version, the newest one. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show one version of a package (the newest, or the newest a requirement allows) and the list of its versions.")
final class InfoCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;

    @Parameters(paramLabel = "NS:PKG[@VERSION]")
    String pkg;

    @Option(names = "--json", description = "Print the version's metadata (and all versions) as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PackageSpec spec = PackageSpec.parse(pkg);
        Console console = wharf.console;
        PackageMeta meta;
        List<Version> versions;
        java.util.Set<Version> yanked;
        try (Session session = new Session(wharf.env, console, project)) {
            RegistryClient client = session.client();
            dev.wharf.wire.VersionList list = client.versionList(spec.name(), true);
            versions = list.versions().stream().filter(Version::isValid).map(Version::parse)
                    .sorted(Comparator.naturalOrder()).toList();
            yanked = new java.util.HashSet<>(list.yankedVersions().stream().filter(Version::isValid).map(Version::parse).toList());
            // Without an exact version, what new resolution would pick: yanked versions only when nothing else is there.
            List<Version> offered = versions.stream().filter(v -> !yanked.contains(v)).toList();
            Version chosen = choose(spec, spec.hasRequirement() && Version.isValid(spec.requirement()) || offered.isEmpty() ? versions : offered);
            meta = client.meta(spec.name(), chosen.toString());
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode node = mapper.valueToTree(meta);
            var list = node.putArray("versions");
            versions.forEach(v -> list.add(v.toString()));
            console.out().println(mapper.writeValueAsString(node));
            return 0;
        }
        var out = console.out();
        out.println("Package:      " + meta.name());
        out.println("Version:      " + meta.version());
        out.println("Description:  " + meta.description());
        out.println("License:      " + (meta.license() == null ? "-" : meta.license()));
        out.println("Repository:   " + (meta.repository() == null ? "-" : meta.repository()));
        out.println("Size:         " + Console.bytes(meta.size()) + " (" + meta.size() + " bytes)");
        out.println("SHA-256:      " + meta.sha256());
        out.println("Published:    " + (meta.publishedAt() > 0 ? Instant.ofEpochSecond(meta.publishedAt()).toString() : "-"));
        out.println("Targets:      " + String.join(", ", meta.targets()));
        out.println("Dependencies: " + (meta.dependencies().isEmpty() ? "none" : String.join(", ",
                meta.dependencies().stream().map(InfoCommand::dependency).toList())));
        out.println("Download:     " + meta.downloadUrl());
        if (meta.yanked()) out.println("Yanked:       yes" + (meta.yankReason() == null ? "" : " (" + meta.yankReason() + ")"));
        if (meta.deprecated() != null) out.println("Deprecated:   " + meta.deprecated());
        out.println("Versions:     " + String.join(", ", versions.stream().map(v -> yanked.contains(v) ? v + " (yanked)" : v.toString()).toList()));
        out.println("Install:      wharf install " + meta.name() + "@" + meta.version());
        return 0;
    }

    private static String dependency(DependencyRef d) {
        return d.name() + " " + d.version() + (d.optional() ? " (optional)" : "");
    }

    private static Version choose(PackageSpec spec, List<Version> versions) {
        if (versions.isEmpty()) throw new RegistryError(RegistryError.Kind.NOT_FOUND, 404, "package " + spec.name() + " has no versions");
        if (!spec.hasRequirement()) return versions.getLast();
        if (Version.isValid(spec.requirement())) {
            Version exact = Version.parse(spec.requirement());
            if (versions.contains(exact)) return exact;
            throw new RegistryError(RegistryError.Kind.NOT_FOUND, 404, "version " + exact + " of " + spec.name()
                    + " is not in the registry; it has " + String.join(", ", versions.stream().map(Version::toString).toList()));
        }
        Requirement req = Requirement.parse(spec.requirement());
        return versions.reversed().stream().filter(req::allows).findFirst().orElseThrow(() ->
                new RegistryError(RegistryError.Kind.NOT_FOUND, 404, "no version of " + spec.name() + " matches " + req
                        + "; it has " + String.join(", ", versions.stream().map(Version::toString).toList())));
    }
}
