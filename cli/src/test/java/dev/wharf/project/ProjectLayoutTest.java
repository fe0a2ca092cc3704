package dev.wharf.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.resolve.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProjectLayoutTest {

    @Test
    void files_are_named_as_run_names_them() {
        ProjectLayout layout = new ProjectLayout(Path.of("/p"));

        assertThat(layout.component("wasi:http", Version.parse("0.2.0")))
                .isEqualTo(Path.of("/p/.run/components/wasi__http@0.2.0.wasm"));
        assertThat(layout.cached("run:calc/calculator", Version.parse("1.0.0-rc.1")))
                .isEqualTo(Path.of("/p/.run/cache/run__calc_calculator@1.0.0-rc.1.wasm"));
        assertThat(layout.runLock()).isEqualTo(Path.of("/p/run.lock"));
    }
}
