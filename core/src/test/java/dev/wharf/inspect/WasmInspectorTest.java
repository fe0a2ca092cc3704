package dev.wharf.inspect;

import static dev.wharf.inspect.WasmBytes.component;
import static dev.wharf.inspect.WasmBytes.content;
import static dev.wharf.inspect.WasmBytes.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-assembled binaries for the cases no toolchain writes on purpose. */
class WasmInspectorTest {

    private final WasmInspector inspector = new WasmInspector();

    private WasmSummary inspect(WasmBytes binary) throws IOException {
        return inspector.inspect(binary.bytes());
    }

    private void assertRefused(WasmBytes binary, String message) {
        assertThatThrownBy(() -> inspect(binary)).isInstanceOf(InvalidInput.class).hasMessage(message);
    }

    // ---- headers ---------------------------------------------------------------------------

    @Test
    void a_bare_preamble_is_an_empty_component_or_module() throws IOException {
        assertThat(inspect(component())).isEqualTo(new WasmSummary(WasmSummary.COMPONENT, null, null, null));
        assertThat(inspect(module())).isEqualTo(new WasmSummary(WasmSummary.MODULE, null, null, null));
    }

    @Test
    void names_the_usual_wrong_uploads() {
        assertRefused(content().raw("(module (func))".getBytes(StandardCharsets.US_ASCII)),
                "the file is WebAssembly text (WAT, starts with \"(module\"); upload the binary");
        assertRefused(content().raw('P', 'K', 3, 4, 0, 0, 0, 0, 0), "the file is a zip archive; upload the .wasm itself");
        assertRefused(content().raw(0x00, 0x61, 0x73), "the file is 3 bytes: too short for a WebAssembly header (8 bytes)");
        assertRefused(content().raw(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x00, 0x00),
                "unsupported WebAssembly version 0xd layer 0 (components are 0xd layer 1, core modules 1 layer 0)");
        assertRefused(content().raw(0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34),
                "the file does not start with the WebAssembly magic bytes (\\0asm)");
    }

    // ---- section framing -------------------------------------------------------------------

    @Test
    void a_section_size_beyond_the_end_of_the_file_is_truncation() {
        assertRefused(module().raw(0x0a).u32(300).raw(0x01, 0x00),
                "truncated: section 10 (code) at byte 8 declares 300 bytes but only 2 remain");
    }

    @Test
    void a_section_size_that_overflows_leb128_is_refused() {
        assertRefused(module().raw(0x01, 0xff, 0xff, 0xff, 0xff, 0x7f),
                "malformed binary: the size of section 1 at byte 9 is a LEB128 number that does not fit in 32 bits");
    }

    @Test
    void a_file_that_ends_inside_a_section_header_is_truncation() {
        assertRefused(component().raw(0x0b, 0x80), "truncated: the file ends at byte 10 inside the size of section 11 at byte 9");
    }

    @Test
    void trailing_garbage_after_the_last_section_is_refused() {
        WasmBytes exports = content().u32(1).name("f").raw(0x00).u32(0);
        assertRefused(module().section(7, exports).raw(0xff, 0x00),
                "malformed binary: unknown section id 255 at byte 15 (valid ids are 0 to 13)");
        assertRefused(component().raw(0x0b, 0x05, 0x00),
                "truncated: section 11 (export) at byte 8 declares 5 bytes but only 1 remain");
    }

    @Test
    void zero_length_sections_that_need_no_decoding_are_skipped() throws IOException {
        WasmSummary summary = inspect(module().section(3, content()).section(12, content())
                .section(7, content().u32(1).name("f").raw(0x00).u32(0)));

        assertThat(summary.exports()).containsExactly("f");
    }

    @Test
    void a_zero_length_import_section_is_refused_because_it_lacks_its_count() {
        assertRefused(module().section(2, content()),
                "malformed section 2 (import) at byte 8: the import count at byte 10 runs past its end at byte 10");
    }

    @Test
    void custom_sections_anywhere_are_read_for_their_name_and_skipped() throws IOException {
        WasmBytes imports = content().u32(1).externName("wasi:io/error@0.2.0").raw(0x05).u32(0);
        WasmSummary summary = inspect(component()
                .custom("", new byte[0])
                .custom("producers", new byte[] {1, 2, 3})
                .section(10, imports)
                .custom("component-name", new byte[100]));

        assertThat(summary.imports()).containsExactly("wasi:io/error@0.2.0");
    }

    @Test
    void a_zero_length_custom_section_is_refused_because_it_lacks_its_name() {
        assertRefused(component().section(0, content()),
                "malformed section 0 (custom) at byte 8: the custom section name at byte 10 runs past its end at byte 10");
    }

    @Test
    void bytes_left_over_after_the_entries_of_an_export_section_are_refused() {
        WasmBytes exports = content().u32(1).externName("run").raw(0x01).u32(0).raw(0x00).raw(0xaa, 0xbb);
        assertRefused(component().section(11, exports),
                "malformed section 11 (export) at byte 8: 2 bytes left over after its contents (from byte 19)");
    }

    @Test
    void an_entry_count_larger_than_the_section_is_refused() {
        assertRefused(component().section(10, content().u32(1_000_000).raw(0x00)),
                "malformed section 10 (import) at byte 8: the import count at byte 10 is 1000000 but only 1 bytes follow");
    }

    // ---- components ------------------------------------------------------------------------

    @Test
    void reads_component_imports_in_every_name_form_and_extern_kind() throws IOException {
        WasmBytes imports = content().u32(6)
                .externName("wasi:io/error@0.2.0").raw(0x05).u32(0) // instance
                .raw(0x01).name("wasi:io/streams@0.2.0").raw(0x05).u32(1) // the redundant 0x01 form
                .raw(0x02).name("primary-db").u32(1) // 0x02: attributes follow
                .raw(0x00).name("wasi:keyvalue/store@0.2.0") // (implements ...)
                .raw(0x05).u32(2)
                .externName("blob").raw(0x03, 0x01) // a resource type
                .externName("greeting").raw(0x02, 0x01, 0x73) // a value of type string
                .externName("plugin").raw(0x00, 0x11).u32(0); // a core module

        WasmSummary summary = inspect(component().section(10, imports));

        assertThat(summary.kind()).isEqualTo(WasmSummary.COMPONENT);
        assertThat(summary.imports()).containsExactly(
                "wasi:io/error@0.2.0", "wasi:io/streams@0.2.0", "primary-db", "blob", "greeting", "plugin");
    }

    @Test
    void reads_component_exports_with_and_without_a_type_ascription() throws IOException {
        WasmBytes exports = content().u32(3)
                .externName("run").raw(0x01).u32(0).raw(0x00) // func
                .externName("wasi:cli/run@0.2.0").raw(0x05).u32(0).raw(0x01, 0x05).u32(3) // instance, ascribed
                .externName("core-part").raw(0x00, 0x11).u32(0).raw(0x00); // core module

        assertThat(inspect(component().section(11, exports)).exports())
                .containsExactly("run", "wasi:cli/run@0.2.0", "core-part");
    }

    @Test
    void an_unknown_export_sort_is_refused() {
        WasmBytes exports = content().u32(1).externName("run").raw(0x09).u32(0).raw(0x00);
        assertRefused(component().section(11, exports),
                "malformed section 11 (export) at byte 8: sort at byte 16 is unknown: 0x09");
    }

    @Test
    void an_unknown_name_form_is_refused() {
        WasmBytes imports = content().u32(1).raw(0x07).name("x").raw(0x05).u32(0);
        assertRefused(component().section(10, imports),
                "malformed section 10 (import) at byte 8: an import name at byte 11 has unknown name form 0x07");
    }

    @Test
    void what_nested_modules_and_components_import_and_export_is_not_the_packages() throws IOException {
        byte[] inner = component()
                .section(10, content().u32(1).externName("inner:dep/x@1.0.0").raw(0x05).u32(0))
                .section(11, content().u32(1).externName("inner-export").raw(0x01).u32(0).raw(0x00))
                .bytes();
        byte[] core = module()
                .section(2, content().u32(1).name("env").name("memory").raw(0x02, 0x00).u32(1))
                .bytes();

        WasmSummary summary = inspect(component()
                .section(1, content().raw(core))
                .section(4, content().raw(inner))
                .section(10, content().u32(1).externName("outer:dep/y@1.0.0").raw(0x05).u32(0)));

        assertThat(summary.imports()).containsExactly("outer:dep/y@1.0.0");
        assertThat(summary.exports()).isEmpty();
    }

    @Test
    void a_wit_package_names_the_world_its_exported_type_describes() throws IOException {
        // type 0: (component (export "acme:shop/cart@1.0.0" (instance (type 0))))  an interface
        // type 1: (component (export "acme:shop/shop@1.0.0" (component (type 0)))) a world
        WasmBytes types = content().u32(2)
                .raw(0x41).u32(2).raw(0x01, 0x42).u32(0).raw(0x04).externName("acme:shop/cart@1.0.0").raw(0x05).u32(0)
                .raw(0x41).u32(2).raw(0x01, 0x41).u32(0).raw(0x04).externName("acme:shop/shop@1.0.0").raw(0x04).u32(0);
        WasmBytes exports = content().u32(2)
                .externName("cart").raw(0x03).u32(0).raw(0x00)
                .externName("shop").raw(0x03).u32(1).raw(0x00);

        WasmSummary summary = inspect(component().section(7, types).section(11, exports));

        assertThat(summary.exports()).containsExactly("cart", "shop");
        assertThat(summary.world()).isEqualTo("acme:shop/shop@1.0.0");
    }

    @Test
    void type_aliases_shift_the_type_index_the_world_is_found_at() throws IOException {
        WasmBytes alias = content().u32(1).raw(0x03, 0x02).u32(1).u32(0); // (alias outer 1 0 (type))
        WasmBytes world = content().u32(1)
                .raw(0x41).u32(1).raw(0x04).externName("acme:shop/shop@1.0.0").raw(0x04).u32(0);

        WasmBytes exportsAlias = content().u32(1).externName("shop").raw(0x03).u32(0).raw(0x00);
        WasmBytes exportsWorld = content().u32(1).externName("shop").raw(0x03).u32(1).raw(0x00);

        assertThat(inspect(component().section(6, alias).section(7, world).section(11, exportsAlias)).world()).isNull();
        assertThat(inspect(component().section(6, alias).section(7, world).section(11, exportsWorld)).world())
                .isEqualTo("acme:shop/shop@1.0.0");
    }

    @Test
    void a_type_encoding_it_does_not_know_costs_the_world_name_not_the_upload() throws IOException {
        WasmBytes types = content().u32(1).raw(0x20, 0x00, 0x00); // not a type form this decoder knows
        WasmBytes exports = content().u32(1).externName("shop").raw(0x03).u32(0).raw(0x00);

        WasmSummary summary = inspect(component().section(7, types).section(11, exports));

        assertThat(summary.exports()).containsExactly("shop");
        assertThat(summary.world()).isNull();
    }

    @Test
    void types_nested_absurdly_deep_cost_the_world_name_not_the_stack() throws IOException {
        // (component (type (component (type (component ... 200,000 levels
        WasmBytes nested = content().u32(1);
        for (int i = 0; i < 200_000; i++) nested.raw(0x41).u32(1).raw(0x01);
        nested.raw(0x7f);
        WasmBytes exports = content().u32(1).externName("deep").raw(0x03).u32(0).raw(0x00);

        WasmSummary summary = inspect(component().section(7, nested).section(11, exports));

        assertThat(summary.exports()).containsExactly("deep");
        assertThat(summary.world()).isNull();
    }

    // ---- core modules ----------------------------------------------------------------------

    @Test
    void reads_core_imports_of_every_kind_as_module_dot_name_once_each() throws IOException {
        WasmBytes imports = content().u32(7)
                .name("env").name("f").raw(0x00).u32(0)
                .name("env").name("table").raw(0x01, 0x70, 0x01).u32(1).u32(10)
                .name("env").name("memory").raw(0x02, 0x05).u32(1).u32(1L << 40) // memory64 with max
                .name("env").name("g").raw(0x03, 0x7f, 0x01)
                .name("env").name("exn").raw(0x04, 0x00).u32(0)
                .name("env").name("ref").raw(0x03, 0x63).raw(0x70).raw(0x00) // (ref null func) global
                .name("env").name("f").raw(0x00).u32(1); // same name twice is legal in core wasm
        WasmBytes exports = content().u32(2).name("memory").raw(0x02).u32(0).name("_start").raw(0x00).u32(1);

        WasmSummary summary = inspect(module().section(2, imports).section(7, exports));

        assertThat(summary.kind()).isEqualTo(WasmSummary.MODULE);
        assertThat(summary.imports()).containsExactly("env.f", "env.table", "env.memory", "env.g", "env.exn", "env.ref");
        assertThat(summary.exports()).containsExactly("memory", "_start");
    }

    @Test
    void an_unknown_core_import_kind_is_refused() {
        WasmBytes imports = content().u32(1).name("env").name("x").raw(0x07).u32(0);
        assertRefused(module().section(2, imports),
                "malformed section 2 (import) at byte 8: import description at byte 17 has unknown kind 0x07");
    }

    @Test
    void an_unknown_core_export_kind_is_refused() {
        WasmBytes exports = content().u32(1).name("x").raw(0x09).u32(0);
        assertRefused(module().section(7, exports),
                "malformed section 7 (export) at byte 8: export x at byte 13 has unknown kind 0x09");
    }

    @Test
    void a_core_module_names_the_world_embedded_in_its_component_type_section() throws IOException {
        byte[] witPackage = component()
                .section(7, content().u32(1)
                        .raw(0x41).u32(1).raw(0x04).externName("acme:shop/shop@1.0.0").raw(0x04).u32(0))
                .section(11, content().u32(1).externName("shop").raw(0x03).u32(0).raw(0x00))
                .bytes();

        WasmSummary summary = inspect(module().custom("component-type:wit-bindgen:0.41.0:acme:shop@1.0.0:shop:encoded world", witPackage));

        assertThat(summary.kind()).isEqualTo(WasmSummary.MODULE);
        assertThat(summary.world()).isEqualTo("acme:shop/shop@1.0.0");
        assertThat(summary.exports()).isEmpty();
    }

    @Test
    void an_unreadable_component_type_section_leaves_the_world_unknown() throws IOException {
        WasmSummary summary = inspect(module()
                .custom("component-type", new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x0b, 0x7f})
                .section(7, content().u32(1).name("f").raw(0x00).u32(0)));

        assertThat(summary.world()).isNull();
        assertThat(summary.exports()).containsExactly("f");
    }

    // ---- files -----------------------------------------------------------------------------

    @Test
    void a_missing_file_is_an_io_problem_not_bad_input(@TempDir Path dir) {
        assertThatThrownBy(() -> inspector.inspect(dir.resolve("absent.wasm"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void reads_from_a_file_the_same_as_from_memory(@TempDir Path dir) throws IOException {
        WasmBytes binary = component()
                .section(10, content().u32(1).externName("wasi:io/error@0.2.0").raw(0x05).u32(0))
                .custom("padding", new byte[200_000])
                .section(11, content().u32(1).externName("run").raw(0x01).u32(0).raw(0x00));
        Path file = dir.resolve("c.wasm");
        Files.write(file, binary.bytes());

        assertThat(inspector.inspect(file)).isEqualTo(inspect(binary));
        assertThat(inspector.inspect(file).exports()).containsExactly("run");
    }
}
