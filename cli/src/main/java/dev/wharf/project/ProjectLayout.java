package dev.wharf.project;

import dev.wharf.resolve.Version;
import java.nio.file.Path;

/**
 * Where Run keeps a project's files, and so where Wharf keeps them: {@code run.toml},
 * {@code run.lock}, installed components in {@code .run/components/<ns>__<pkg>@<version>.wasm}
 * and verified downloads in {@code .run/cache/} under the same file names.
 */
public record ProjectLayout(Path root) {

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path runToml() {
        return root.resolve("run.toml");
    }

    public Path runLock() {
        return root.resolve("run.lock");
    }

    public Path componentsDir() {
        return root.resolve(".run").resolve("components");
    }

    public Path cacheDir() {
        return root.resolve(".run").resolve("cache");
    }

    public Path component(String name, Version version) {
        return componentsDir().resolve(fileName(name, version));
    }

    public Path cached(String name, Version version) {
        return cacheDir().resolve(fileName(name, version));
    }

    /** Run's file name: {@code :} becomes {@code __}, {@code /} and {@code \} become {@code _}. */
    public static String fileName(String name, Version version) {
        return name.replace(":", "__").replace("/", "_").replace("\\", "_") + "@" + version + ".wasm";
    }

    /** A path relative to the project, for messages. */
    public String show(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }
}
