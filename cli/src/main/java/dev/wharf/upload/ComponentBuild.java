package dev.wharf.upload;

import dev.wharf.project.ComponentEntry;
import dev.wharf.project.ProjectError;
import dev.wharf.project.ProjectLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tomlj.Toml;

/**
 * {@code --build}: runs a component's build before it is published, as Run's {@code build_all}
 * does. A {@code build} command in {@code run.toml} runs through {@code sh -c} in the project
 * folder; otherwise the language's toolchain is used (cargo-component, jco, componentize-py,
 * tinygo). A missing toolchain is reported before anything runs.
 */
final class ComponentBuild {

    private final ProjectLayout layout;
    private final Map<String, String> env;

    ComponentBuild(ProjectLayout layout, Map<String, String> env) {
        this.layout = layout;
        this.env = env;
    }

    void build(ComponentEntry component, Path output) {
        if (component.build() != null && !component.build().isBlank()) {
            String program = component.build().strip().split("\\s+")[0];
            requireOnPath(program, component, "its build command");
            run(component, List.of("sh", "-c", component.build()), layout.root());
            return;
        }
        String language = component.language() == null ? guessLanguage(component) : component.language().toLowerCase(Locale.ROOT);
        Path source = layout.root().resolve(component.source() == null ? component.name() : component.source());
        String wit = component.wit() == null ? "wit" : component.wit();
        create(output.getParent());
        switch (language) {
            case "wasm" -> { } // already a component: nothing to build
            case "rust" -> {
                requireOnPath("cargo", component, "the rust toolchain (cargo with cargo-component)");
                run(component, List.of("cargo", "component", "build", "--release"), source);
                Path built = source.resolve("target/wasm32-wasip1/release").resolve(crateName(source).replace('-', '_') + ".wasm");
                copy(built, output, component);
            }
            case "javascript", "typescript", "js", "ts" -> {
                requireOnPath("jco", component, "jco (npm install -g @bytecodealliance/jco)");
                run(component, List.of("jco", "componentize", source.toString(), "--wit", wit, "-o", output.toString()), layout.root());
            }
            case "python", "py" -> {
                requireOnPath("componentize-py", component, "componentize-py (pip install componentize-py)");
                String module = source.getFileName().toString().replaceFirst("\\.py$", "");
                run(component, List.of("componentize-py", "-d", layout.root().resolve(wit).toString(), "componentize", module,
                        "-o", output.toString()), source.getParent() == null ? layout.root() : source.getParent());
            }
            case "go", "tinygo" -> {
                requireOnPath("tinygo", component, "tinygo");
                run(component, List.of("tinygo", "build", "-target=wasip2", "-o", output.toString(), source.toString()), layout.root());
            }
            default -> throw new ProjectError("component " + component.name() + " has language '" + language
                    + "', which wharf cannot build; give it a build command in run.toml, or publish a pre-built file with --file");
        }
    }

    private static String guessLanguage(ComponentEntry c) {
        String s = c.source() == null ? "" : c.source();
        if (s.endsWith(".wasm")) return "wasm";
        if (s.endsWith(".js")) return "javascript";
        if (s.endsWith(".ts")) return "typescript";
        if (s.endsWith(".py")) return "python";
        if (s.endsWith(".go")) return "go";
        return "rust";
    }

    private void requireOnPath(String program, ComponentEntry component, String what) {
        if (program.contains("/")) {
            if (Files.isExecutable(layout.root().resolve(program))) return;
        } else {
            String path = env.getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return;
            }
        }
        throw new ProjectError("building component " + component.name() + " needs " + what + ", but `" + program
                + "` is not on PATH; install it, or publish a pre-built file with --file");
    }

    private void run(ComponentEntry component, List<String> command, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            int exit = pb.start().waitFor();
            if (exit != 0) {
                throw new ProjectError("the build of component " + component.name() + " failed (`" + String.join(" ", command)
                        + "` exited with status " + exit + ")");
            }
        } catch (IOException e) {
            throw new ProjectError("the build of component " + component.name() + " could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectError("the build of component " + component.name() + " was interrupted", e);
        }
    }

    private String crateName(Path source) {
        Path cargo = source.resolve("Cargo.toml");
        try {
            String name = Toml.parse(cargo).getString("package.name");
            if (name != null) return name;
        } catch (IOException e) {
            // reported below
        }
        throw new ProjectError("cannot find the crate name in " + layout.show(cargo));
    }

    private void copy(Path built, Path output, ComponentEntry component) {
        try {
            Files.copy(built, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ProjectError("the build of component " + component.name() + " did not produce " + layout.show(built));
        }
    }

    private void create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProjectError("cannot create " + layout.show(dir) + ": " + e.getMessage(), e);
        }
    }
}
