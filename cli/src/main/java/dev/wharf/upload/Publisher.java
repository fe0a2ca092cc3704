package dev.wharf.upload;

import dev.wharf.wire.DependencyRef;
import dev.wharf.client.PublishRequest;
import dev.wharf.client.Published;
import dev.wharf.client.RegistryClient;
import dev.wharf.client.TransferProgress;
import dev.wharf.project.ComponentEntry;
import dev.wharf.project.FileDigest;
import dev.wharf.project.ProjectError;
import dev.wharf.project.ProjectFiles;
import dev.wharf.project.ProjectLayout;
import dev.wharf.project.RunToml;
import dev.wharf.resolve.Requirement;
import dev.wharf.resolve.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code wharf publish}: publishes each component of {@code run.toml} as
 * {@code <project.name>:<component.name>} at {@code project.version}, with the project's
 * description, license, repository and {@code [dependencies]}.
 *
 * <p>The artifact is found where Run's build puts it: the component's {@code path}; else its
 * {@code source} when that is a {@code .wasm} file; else {@code <build.output_dir>/<name>.wasm}
 * ({@code target/wasm/<name>.wasm} by default). {@code --file} overrides that.
 */
public final class Publisher {

    public record Done(Published published, Path file, long size, String sha256) {}

    private final ProjectLayout layout;
    private final Map<String, String> env;

    public Publisher(ProjectLayout layout, Map<String, String> env) {
        this.layout = layout;
        this.env = env;
    }

    /** The components to publish and their files, checked before any upload starts. */
    public record Planned(ComponentEntry component, Path file, String name) {}

    public List<Planned> plan(RunToml toml, String onlyComponent, Path fileOverride) {
        if (toml.project().name() == null || toml.project().name().isBlank()) {
            throw new ProjectError("run.toml has no [project] name; it is the namespace packages are published under");
        }
        String version = toml.project().version();
        if (version == null || !Version.isValid(version)) {
            throw new ProjectError("run.toml [project] version " + (version == null ? "is missing" : "'" + version + "' is not a semantic version")
                    + "; publish needs one like 1.0.0");
        }
        if (toml.components().isEmpty()) {
            throw new ProjectError("run.toml has no [[component]]; add one with a name and the path of its .wasm");
        }
        List<ComponentEntry> chosen = new ArrayList<>();
        for (ComponentEntry c : toml.components()) {
            if (onlyComponent == null || c.name().equals(onlyComponent)) chosen.add(c);
        }
        if (chosen.isEmpty()) {
            throw new ProjectError("run.toml has no component named " + onlyComponent + "; it has "
                    + toml.components().stream().map(ComponentEntry::name).collect(Collectors.joining(", ")));
        }
        if (fileOverride != null && chosen.size() > 1) {
            throw new ProjectError("--file names one artifact, but run.toml has " + chosen.size()
                    + " components; choose one with --component");
        }
        List<Planned> out = new ArrayList<>();
        for (ComponentEntry c : chosen) {
            Path file = fileOverride != null ? layout.root().resolve(fileOverride) : artifactPath(toml, c);
            // The registry's rule and sentence, before building or uploading anything.
            String name = dev.wharf.project.PackageNames.check(toml.project().name() + ":" + c.name());
            out.add(new Planned(c, file, name));
        }
        return out;
    }

    /** Where Run's build leaves a component's artifact. */
    public Path artifactPath(RunToml toml, ComponentEntry c) {
        if (c.path() != null) return layout.root().resolve(c.path());
        if (c.source() != null && c.source().endsWith(".wasm")) return layout.root().resolve(c.source());
        return layout.root().resolve(toml.buildOutputDir()).resolve(c.name() + ".wasm");
    }

    public List<Done> publish(RunToml toml, List<Planned> planned, boolean build, RegistryClient client, TransferProgress progress) {
        if (build) {
            ComponentBuild builder = new ComponentBuild(layout, env);
            for (Planned p : planned) builder.build(p.component(), p.file());
        }
        List<DependencyRef> dependencies = new ArrayList<>();
        toml.dependencies().forEach((name, req) -> {
            try {
                Requirement.parse(req);
            } catch (IllegalArgumentException e) {
                throw new ProjectError("run.toml [dependencies] \"" + name + "\": " + e.getMessage());
            }
            dependencies.add(new DependencyRef(name, req, false));
        });
        ProjectFiles files = new ProjectFiles(layout);
        for (Planned p : planned) {
            if (!Files.isRegularFile(p.file())) {
                throw new ProjectError("no artifact for component " + p.component().name() + " at " + layout.show(p.file())
                        + "; build it first, pass --build, or point --file at the .wasm");
            }
        }
        List<Done> done = new ArrayList<>();
        for (Planned p : planned) {
            String sha256 = files.io("read", p.file(), () -> FileDigest.sha256(p.file()));
            long size = files.io("read", p.file(), () -> Files.size(p.file()));
            PublishRequest request = new PublishRequest(p.name(), Version.parse(toml.project().version()).toString(),
                    toml.project().description(), toml.project().license(), toml.project().repository(),
                    dependencies, p.file(), sha256);
            done.add(new Done(client.publish(request, progress), p.file(), size, sha256));
        }
        return done;
    }
}
