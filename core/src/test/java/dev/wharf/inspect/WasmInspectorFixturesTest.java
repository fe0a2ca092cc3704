package dev.wharf.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wharf.domain.InvalidInput;
import dev.wharf.inspect.ComponentFixtures.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real binary in MANIFEST.tsv: what a publisher would see for each. */
class WasmInspectorFixturesTest {

    /** The exact 400 message for each file a registry must refuse. */
    private static final Map<String, String> REFUSALS = Map.of(
            "invalid/empty.wasm", "the file is empty, not WebAssembly",
            "invalid/text-file.wasm", "the file is text (starts with \"package\"), not a WebAssembly binary",
            "invalid/wrong-magic.wasm", "the file is an ELF executable, not WebAssembly",
            "invalid/gzipped-component.wasm", "the file is gzip-compressed; upload the uncompressed .wasm",
            "invalid/truncated-header.wasm", "the file is 6 bytes: too short for a WebAssembly header (8 bytes)",
            "invalid/unknown-version.wasm",
            "unsupported WebAssembly version 0xe layer 1 (components are 0xd layer 1, core modules 1 layer 0)",
            "invalid/truncated-component.wasm",
            "truncated: section 4 (component) at byte 640 declares 192 bytes but only 57 remain");

    /** Binaries that name their world; every other fixture has none (built components do not record it). */
    private static final Map<String, String> WORLDS = Map.of(
            "component/myorg-utils-1.0.0.wit.wasm", "myorg:utils/utils@1.0.0",
            "component/wasi-http-0.2.12.wit.wasm", "wasi:http/proxy@0.2.12",
            "core/calculator-1.0.0-with-wit.wasm", "example:calculator/calculator@1.0.0");

    private final WasmInspector inspector = new WasmInspector();

    static List<Row> accepted() {
        return ComponentFixtures.manifest().stream().filter(row -> !row.kind().equals("invalid")).toList();
    }

    static List<Row> refused() {
        return ComponentFixtures.manifest().stream().filter(row -> row.kind().equals("invalid")).toList();
    }

    /** Small enough to cut, and corrupt three ways, at every byte. */
    static List<Row> small() {
        return accepted().stream().filter(row -> row.size() <= 2_000).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void reports_the_imports_exports_and_kind_the_manifest_lists(Row row) throws IOException {
        Path file = ComponentFixtures.file(row.file());
        assertThat(Files.size(file)).as("fixture size").isEqualTo(row.size());

        WasmSummary summary = inspector.inspect(file);

        assertThat(summary.kind()).isEqualTo(row.kind().equals("core") ? WasmSummary.MODULE : WasmSummary.COMPONENT);
        assertThat(summary.imports()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(row.imports());
        assertThat(summary.exports()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(row.exports());
        assertThat(summary.world()).isEqualTo(WORLDS.get(row.file()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses_what_is_not_a_well_formed_binary_and_says_why(Row row) {
        assertThat(REFUSALS).as("expected message for " + row.file()).containsKey(row.file());
        Path file = ComponentFixtures.file(row.file());

        assertThatThrownBy(() -> inspector.inspect(file))
                .isInstanceOf(InvalidInput.class)
                .hasMessage(REFUSALS.get(row.file()));
    }

    @Test
    void the_manifest_has_every_kind_and_every_expectation_names_a_listed_file() {
        List<Row> rows = ComponentFixtures.manifest();
        List<String> files = rows.stream().map(Row::file).toList();

        assertThat(rows).extracting(Row::kind).contains("component", "core", "invalid");
        assertThat(files).containsAll(REFUSALS.keySet()).containsAll(WORLDS.keySet());
        assertThat(refused()).hasSameSizeAs(REFUSALS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void a_binary_cut_anywhere_is_refused_or_reads_as_a_prefix_of_the_whole(Row row) throws IOException {
        byte[] whole = Files.readAllBytes(ComponentFixtures.file(row.file()));
        WasmSummary full = inspector.inspect(whole);

        for (int cut = 0; cut < whole.length; cut++) {
            byte[] prefix = Arrays.copyOf(whole, cut);
            Throwable thrown = catchThrowable(() -> {
                WasmSummary partial = inspector.inspect(prefix);
                // a cut exactly between two sections is a shorter binary, never a different one
                assertThat(full.imports()).containsAll(partial.imports());
                assertThat(full.exports()).containsAll(partial.exports());
            });
            if (thrown != null) assertThat(thrown).as("cut at byte %d", cut).isInstanceOf(InvalidInput.class);
        }
        assertThatThrownBy(() -> inspector.inspect(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("byte");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void a_corrupted_byte_anywhere_never_fails_with_anything_but_a_400(Row row) throws IOException {
        byte[] whole = Files.readAllBytes(ComponentFixtures.file(row.file()));

        for (int at = 0; at < whole.length; at++) {
            for (int replacement : new int[] {0x00, 0xff, whole[at] ^ 0x80}) {
                byte[] damaged = whole.clone();
                damaged[at] = (byte) replacement;
                Throwable thrown = catchThrowable(() -> inspector.inspect(damaged));
                if (thrown != null) {
                    assertThat(thrown).as("byte %d set to 0x%02x", at, replacement & 0xff).isInstanceOf(InvalidInput.class);
                }
            }
        }
    }
}
