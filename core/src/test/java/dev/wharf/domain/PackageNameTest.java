package dev.wharf.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"wasi:http", "run:calc/calculator", "myorg:hello-cli", "a1:b_c.d", "x:y/z/w"})
    void accepts_registry_names(String name) {
        assertThat(PackageName.parse(name).toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "calc", "a:b:c", ":x", "x:", "X:y", "x:Y", "x:../y", "x:a/../b", "x:/a", "x:a/",
            "x:a//b", "x:.hidden", "x:a b", "x:a\u0000", "x:a\n", "-x:y", "x:é"})
    void refuses_anything_else_with_a_message(String name) {
        assertThatThrownBy(() -> PackageName.parse(name)).isInstanceOf(InvalidInput.class).hasMessageContaining("");
    }

    @Test
    void refuses_names_longer_than_the_limit() {
        assertThatThrownBy(() -> PackageName.parse("x:" + "a".repeat(PackageName.MAX_LENGTH)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("longer");
    }

    @Test
    void control_characters_are_shown_escaped_in_messages() {
        assertThatThrownBy(() -> PackageName.parse("x:a\u0001b")).hasMessageContaining("\\x01");
    }

    @Test
    void parts_split_namespace_path_and_kebab_case() {
        assertThat(PackageName.parse("wasi:http-proxy/incoming_handler").parts())
                .isEqualTo(List.of("wasi", "http", "proxy", "incoming", "handler"));
    }
}
