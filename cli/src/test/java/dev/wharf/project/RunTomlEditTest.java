package dev.wharf.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunTomlEditTest {

    private static final String PROJECT = """
            # my project
            [project]
            name = "demo"
            version = "0.1.0"

            [dependencies]
            "wasi:io" = "0.2.0" # keep this comment

            [registry]
            url = "http://localhost:8080"
            """;

    @Test
    void adds_a_dependency_after_the_last_one_and_keeps_everything_else() {
        String edited = RunTomlEdit.withDependency(PROJECT, false, "myorg:utils-impl", "1.0.0");

        assertThat(edited).isEqualTo(PROJECT.replace("# keep this comment\n", "# keep this comment\n\"myorg:utils-impl\" = \"1.0.0\"\n"));
        assertThat(RunToml.parse(edited).dependencies()).containsEntry("myorg:utils-impl", "1.0.0");
    }

    @Test
    void changes_the_requirement_of_an_existing_dependency_in_place() {
        String edited = RunTomlEdit.withDependency(PROJECT, false, "wasi:io", "^0.3");

        assertThat(edited).contains("\"wasi:io\" = \"^0.3\"\n").doesNotContain("0.2.0");
        assertThat(RunToml.parse(edited).dependencies()).hasSize(1);
    }

    @Test
    void creates_the_dev_dependencies_section_at_the_end() {
        String edited = RunTomlEdit.withDependency(PROJECT, true, "example:calculator", "1.1.0");

        assertThat(edited).endsWith("url = \"http://localhost:8080\"\n\n[dev-dependencies]\n\"example:calculator\" = \"1.1.0\"\n");
        assertThat(RunToml.parse(edited).devDependencies()).containsEntry("example:calculator", "1.1.0");
    }

    @Test
    void edits_the_version_of_table_and_inline_table_forms() {
        String tables = """
                [dependencies]
                "a:inline" = { version = "1.0.0", optional = true }

                [dependencies."a:table"]
                version = "1.0.0"
                """;

        String edited = RunTomlEdit.withDependency(RunTomlEdit.withDependency(tables, false, "a:inline", "^2"), false, "a:table", "^3");

        RunToml toml = RunToml.parse(edited);
        assertThat(toml.dependencies()).containsEntry("a:inline", "^2").containsEntry("a:table", "^3");
        assertThat(edited).contains("optional = true");
    }

    @Test
    void a_fresh_run_toml_names_the_project_after_its_folder() {
        RunToml toml = RunToml.parse(RunTomlEdit.fresh("shop", false, "wasi:http", "0.2.12"));

        assertThat(toml.project().name()).isEqualTo("shop");
        assertThat(toml.dependencies()).containsEntry("wasi:http", "0.2.12");
    }
}
