package dev.wharf.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WasmReaderTest {

    private static WasmReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return new WasmReader(b);
    }

    private static WasmReader reader(String hex) {
        String[] parts = hex.isBlank() ? new String[0] : hex.trim().split("\\s+");
        int[] bytes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) bytes[i] = Integer.parseInt(parts[i], 16);
        return reader(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "00, 0",
        "7f, 127",
        "80 01, 128",
        "e5 8e 26, 624485",
        "ff ff ff ff 0f, 4294967295",
        "80 80 80 80 00, 0", // padded to the full 5 bytes is still allowed
        "81 80 00, 1",
    })
    void reads_unsigned_32_bit_leb128(String hex, long expected) throws IOException {
        WasmReader in = reader(hex);

        assertThat(in.u32("a number")).isEqualTo(expected);
        assertThat(in.remaining()).isZero();
    }

    @Test
    void refuses_a_u32_leb128_longer_than_five_bytes() {
        assertThatThrownBy(() -> reader("80 80 80 80 80 00").u32("a count"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("malformed binary: a count at byte 0 is a LEB128 number longer than 5 bytes");
    }

    @Test
    void refuses_a_u32_leb128_whose_value_overflows_32_bits() {
        assertThatThrownBy(() -> reader("ff ff ff ff 1f").u32("a count"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("does not fit in 32 bits");
    }

    @Test
    void a_leb128_cut_by_the_end_of_the_file_is_truncation() {
        WasmReader in = reader("00 80 80");
        assertThatThrownBy(() -> {
            in.u8("a flag");
            in.u32("a count");
        })
                .isInstanceOf(InvalidInput.class)
                .hasMessage("truncated: the file ends at byte 3 inside a count at byte 1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "00, 0",
        "3f, 63",
        "40, -64",
        "7f, -1",
        "73, -13", // how the component type `string` is written
        "ff 00, 127",
        "80 7f, -128",
        "ff ff ff ff 0f, 4294967295",
        "80 80 80 80 70, -4294967296",
    })
    void reads_signed_33_bit_leb128(String hex, long expected) throws IOException {
        assertThat(reader(hex).s33("a value type")).isEqualTo(expected);
    }

    @Test
    void refuses_an_s33_whose_unused_bits_do_not_repeat_the_sign() {
        assertThatThrownBy(() -> reader("80 80 80 80 30").s33("a value type"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("does not fit in 33 bits");
    }

    @Test
    void reads_u64_up_to_ten_bytes() throws IOException {
        assertThat(reader("ff ff ff ff ff ff ff ff ff 01").u64("a minimum size")).isEqualTo(-1L);
        assertThatThrownBy(() -> reader("ff ff ff ff ff ff ff ff ff 02").u64("a minimum size"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("does not fit in 64 bits");
    }

    @Test
    void reads_names_as_utf8_and_refuses_broken_utf8() throws IOException {
        WasmReader in = new WasmReader(WasmBytes.content().name("wasi:http/types@0.2.0").name("größe").bytes());

        assertThat(in.name("a name")).isEqualTo("wasi:http/types@0.2.0");
        assertThat(in.name("a name")).isEqualTo("größe");
        assertThatThrownBy(() -> reader(0x02, 0xc3, 0x28).name("an export name"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("malformed binary: an export name at byte 0 is not valid UTF-8");
    }

    @Test
    void a_name_longer_than_its_region_is_refused_before_anything_is_allocated() {
        // claims 4 GiB - 1 of name in a 6-byte file
        assertThatThrownBy(() -> reader("ff ff ff ff 0f 41").name("an import name"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("truncated: the file ends at byte 6 inside an import name at byte 5");
    }

    @Test
    void a_count_larger_than_the_bytes_left_is_refused() {
        assertThatThrownBy(() -> reader("05 00 00").count("the import count"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("malformed binary: the import count at byte 0 is 5 but only 2 bytes follow");
    }

    @Test
    void reads_inside_a_section_stop_at_the_section_end_not_the_file_end() throws IOException {
        // section 2, 2 bytes: a count of 1 and a name length of 5, but the name lies beyond the section
        WasmReader in = reader("02 02 01 05 61 62 63 64 65");
        WasmReader.Section section = in.enterSection(ModuleDecoder.SECTIONS);

        assertThat(section.label()).isEqualTo("section 2 (import) at byte 0");
        assertThat(in.u32("the import count")).isEqualTo(1);
        assertThatThrownBy(() -> in.name("an import module name"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("malformed section 2 (import) at byte 0: an import module name at byte 4 runs past its end at byte 4");
    }

    @Test
    void a_section_larger_than_the_rest_of_the_file_is_truncation() {
        assertThatThrownBy(() -> reader("0a ac 02 00 00").enterSection(ModuleDecoder.SECTIONS))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("truncated: section 10 (code) at byte 0 declares 300 bytes but only 2 remain");
    }

    @Test
    void an_unknown_section_id_is_refused() {
        assertThatThrownBy(() -> reader("0e 00").enterSection(ModuleDecoder.SECTIONS))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("malformed binary: unknown section id 14 at byte 0 (valid ids are 0 to 13)");
    }

    @Test
    void a_zero_length_section_is_an_empty_region() throws IOException {
        WasmReader in = reader("03 00 01 01 00");

        WasmReader.Section empty = in.enterSection(ModuleDecoder.SECTIONS);
        assertThat(in.remaining()).isZero();
        in.leave();
        WasmReader.Section next = in.enterSection(ModuleDecoder.SECTIONS);

        assertThat(empty.end()).isEqualTo(2);
        assertThat(next.start()).isEqualTo(2);
    }

    @Test
    void leftover_bytes_in_a_decoded_section_are_refused() throws IOException {
        WasmReader in = reader("07 03 00 aa bb");
        in.enterSection(ModuleDecoder.SECTIONS);
        in.u32("the export count");

        assertThatThrownBy(in::leave)
                .isInstanceOf(InvalidInput.class)
                .hasMessage("malformed section 7 (export) at byte 0: 2 bytes left over after its contents (from byte 3)");
    }

    @Test
    void streams_a_file_larger_than_its_window_reading_and_skipping_across_window_edges(@TempDir Path dir) throws IOException {
        // 40,000 names of 4 bytes each (200 KB), then a marker name
        WasmBytes content = WasmBytes.content();
        for (int i = 0; i < 40_000; i++) content.name(String.format("%04x", i & 0xffff));
        content.name("end");
        Path file = dir.resolve("big.bin");
        Files.write(file, content.bytes());

        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            WasmReader in = new WasmReader(channel);
            for (int i = 0; i < 20_000; i++) assertThat(in.name("a name")).isEqualTo(String.format("%04x", i));
            in.skip(5L * 19_999, "names");
            assertThat(in.name("a name")).isEqualTo(String.format("%04x", 39_999));
            assertThat(in.name("a name")).isEqualTo("end");
            assertThat(in.remaining()).isZero();
        }
    }
}
