package dev.wharf.project;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * {@code run.toml} as the registry commands read it: {@code [project]}, the components,
 * {@code [dependencies]}, {@code [dev-dependencies]}, {@code [build].output_dir} and
 * {@code [registry]}. A dependency is {@code "ns:pkg" = "REQ"} or a table with {@code version}.
 * A dependency with {@code path} or {@code git} (Run documents both) is not a registry dependency:
 * it is kept aside in {@code localDependencies} so the commands can say they skipped it, instead of
 * failing (issue 13).
 */
public record RunToml(
        ProjectInfo project,
        List<ComponentEntry> components,
        Map<String, String> dependencies,
        Map<String, String> devDependencies,
        String buildOutputDir,
        RegistrySettings registry,
        List<LocalDependency> localDependencies) {

    /** A {@code path} or {@code git} dependency: Run builds it from there; no registry is asked for it. */
    public record LocalDependency(String section, String name, String kind, String location) {

        /** One line for a person: what was skipped and why. */
        public String note() {
            return "skipping " + name + " in [" + section + "]: a " + kind + " dependency (" + location
                    + "), not one from a registry";
        }
    }

    /** Run's default build output folder. */
    public static final String DEFAULT_OUTPUT_DIR = "target/wasm";

    public static RunToml read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ProjectError("run.toml not found in " + file.getParent());
        } catch (AccessDeniedException e) {
            throw new ProjectError("run.toml cannot be read: permission denied (" + file + ")");
        } catch (MalformedInputException e) {
            throw new ProjectError("run.toml is not UTF-8 text (" + file + ")");
        } catch (IOException e) {
            throw new ProjectError("run.toml cannot be read: " + describe(e) + " (" + file + ")");
        }
        return parse(text);
    }

    public static RunToml parse(String text) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError first = toml.errors().getFirst();
            throw new ProjectError("run.toml is not valid TOML: " + first.getMessage() + " at line "
                    + first.position().line() + ", column " + first.position().column());
        }
        ProjectInfo project = new ProjectInfo(
                string(toml, "project.name"), string(toml, "project.version"), string(toml, "project.description"),
                string(toml, "project.license"), string(toml, "project.repository"));
        List<LocalDependency> local = new ArrayList<>();
        String devSection = toml.contains("dev-dependencies") ? "dev-dependencies" : "dev_dependencies";
        return new RunToml(project, components(toml), dependencies(toml, "dependencies", local),
                dependencies(toml, devSection, local),
                orDefault(string(toml, "build.output_dir"), DEFAULT_OUTPUT_DIR), registry(toml), List.copyOf(local));
    }

    private static List<ComponentEntry> components(TomlParseResult toml) {
        List<ComponentEntry> out = new ArrayList<>();
        Object array = toml.get("component");
        if (array instanceof TomlArray list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof TomlTable t)) {
                    throw new ProjectError("run.toml: [[component]] entry " + (i + 1) + " is not a table");
                }
                String name = text(t, "name", "[[component]] entry " + (i + 1));
                if (name == null) throw new ProjectError("run.toml: [[component]] entry " + (i + 1) + " has no name");
                out.add(entry(name, t));
            }
        } else if (array != null) {
            throw new ProjectError("run.toml: `component` must be written as [[component]] tables");
        }
        Object tables = toml.get("components");
        if (tables instanceof TomlTable byName) {
            for (String name : byName.keySet()) {
                if (byName.get(List.of(name)) instanceof TomlTable t) out.add(entry(name, t));
            }
        }
        return List.copyOf(out);
    }

    private static ComponentEntry entry(String name, TomlTable t) {
        String where = "component " + name;
        return new ComponentEntry(name, text(t, "path", where), text(t, "source", where), text(t, "language", where),
                text(t, "wit", where), text(t, "build", where));
    }

    private static Map<String, String> dependencies(TomlParseResult toml, String section, List<LocalDependency> local) {
        Object value = toml.get(List.of(section));
        if (value == null) return Map.of();
        if (!(value instanceof TomlTable table)) throw new ProjectError("run.toml: [" + section + "] must be a table");
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : table.keySet()) {
            Object spec = table.get(List.of(name));
            if (spec instanceof TomlTable t && (t.get("path") instanceof String || t.get("git") instanceof String)) {
                String kind = t.get("path") instanceof String ? "path" : "git";
                local.add(new LocalDependency(section, name, kind, (String) t.get(kind)));
                continue;
            }
            PackageNames.check(name, "run.toml [" + section + "] \"" + name + "\"");
            if (spec instanceof String requirement) {
                out.put(name, requirement);
            } else if (spec instanceof TomlTable t && t.get("version") instanceof String requirement) {
                out.put(name, requirement);
            } else {
                throw new ProjectError("run.toml: [" + section + "] \"" + name
                        + "\" must be a version requirement string like \"^1.0.0\"");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static RegistrySettings registry(TomlParseResult toml) {
        List<String> mirrors = new ArrayList<>();
        Object m = toml.get("registry.mirrors");
        if (m instanceof TomlArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof String s) mirrors.add(s);
                else throw new ProjectError("run.toml: [registry].mirrors must be a list of URLs");
            }
        } else if (m != null) {
            throw new ProjectError("run.toml: [registry].mirrors must be a list of URLs");
        }
        return new RegistrySettings(string(toml, "registry.url"), string(toml, "registry.auth_token"), mirrors);
    }

    private static String string(TomlParseResult toml, String dotted) {
        Object v = toml.get(dotted);
        if (v == null) return null;
        if (v instanceof String s) return s;
        throw new ProjectError("run.toml: " + dotted + " must be a string");
    }

    private static String text(TomlTable t, String key, String where) {
        Object v = t.get(List.of(key));
        if (v == null) return null;
        if (v instanceof String s) return s;
        throw new ProjectError("run.toml: " + key + " of " + where + " must be a string");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
