package dev.wharf.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunTomlTest {

    @Test
    void reads_the_sections_the_registry_commands_use() {
        RunToml toml = RunToml.parse("""
                [project]
                name = "myorg"
                version = "1.2.0"
                description = "Greeting components"
                license = "MIT"
                repository = "https://example.org/myorg"

                [[component]]
                name = "greeter"
                source = "src/greeter.js"
                language = "javascript"
                wit = "wit/greeter"

                [components.utils]
                path = "dist/utils.wasm"

                [dependencies]
                "myorg:utils-impl" = "1.0.0"
                "wasi:http" = { version = "^0.2" }

                [dev-dependencies]
                "example:calculator" = "~1.1"

                [registry]
                url = "http://registry.internal:8080"
                mirrors = ["http://mirror-a:8080", "http://mirror-b:8080"]
                auth_token = "t0k"
                """);

        assertThat(toml.project()).isEqualTo(new ProjectInfo("myorg", "1.2.0", "Greeting components", "MIT", "https://example.org/myorg"));
        assertThat(toml.components()).extracting(ComponentEntry::name).containsExactly("greeter", "utils");
        assertThat(toml.components().get(1).path()).isEqualTo("dist/utils.wasm");
        assertThat(toml.dependencies()).containsExactly(
                java.util.Map.entry("myorg:utils-impl", "1.0.0"), java.util.Map.entry("wasi:http", "^0.2"));
        assertThat(toml.devDependencies()).containsEntry("example:calculator", "~1.1");
        assertThat(toml.registry().mirrors()).containsExactly("http://mirror-a:8080", "http://mirror-b:8080");
        assertThat(toml.registry().authToken()).isEqualTo("t0k");
        assertThat(toml.buildOutputDir()).isEqualTo("target/wasm");
    }

    @Test
    void broken_toml_is_one_sentence_with_the_position() {
        assertThatThrownBy(() -> RunToml.parse("[project\nname = 1"))
                .isInstanceOf(ProjectError.class)
                .hasMessageStartingWith("run.toml is not valid TOML:")
                .hasMessageContaining("line 1");
    }

    @Test
    void a_dependency_that_is_not_a_requirement_string_is_named() {
        assertThatThrownBy(() -> RunToml.parse("[dependencies]\n\"a:b\" = 3\n"))
                .isInstanceOf(ProjectError.class)
                .hasMessageContaining("\"a:b\"");
    }

    @Test
    void path_and_git_dependencies_are_kept_aside_not_failed_on() {
        RunToml toml = RunToml.parse("""
                [dependencies]
                "app:lib" = "^1.2"
                "app:sibling" = { path = "../sibling", version = "1.0.0" }

                [dependencies."app:forked"]
                git = "https://example.org/forked.git"

                [dev-dependencies]
                "app:fixtures" = { path = "fixtures" }
                """);

        assertThat(toml.dependencies()).containsOnlyKeys("app:lib");
        assertThat(toml.devDependencies()).isEmpty();
        assertThat(toml.localDependencies()).extracting(RunToml.LocalDependency::note).containsExactly(
                "skipping app:sibling in [dependencies]: a path dependency (../sibling), not one from a registry",
                "skipping app:forked in [dependencies]: a git dependency (https://example.org/forked.git), not one from a registry",
                "skipping app:fixtures in [dev-dependencies]: a path dependency (fixtures), not one from a registry");
    }

    @Test
    void a_dependency_name_the_registry_would_refuse_is_named_with_the_registrys_sentence() {
        assertThatThrownBy(() -> RunToml.parse("[dependencies]\n\"myorg:Utils\" = \"1\"\n"))
                .isInstanceOf(ProjectError.class)
                .hasMessage("run.toml [dependencies] \"myorg:Utils\": package 'Utils' must be '/'-separated segments of lower-case"
                        + " letters, digits, '.', '_' and '-'");
    }
}
