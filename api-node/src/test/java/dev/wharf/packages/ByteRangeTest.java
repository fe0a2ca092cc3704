package dev.wharf.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 9110 §14 on a 1,000-byte file, including the numbers issue 14's fuzzer sent. */
class ByteRangeTest {

    @Test
    void ordinary_ranges() {
        assertThat(ByteRange.of("bytes=0-99", 1000)).isEqualTo(new ByteRange.Partial(0, 99, 1000));
        assertThat(ByteRange.of("bytes=900-", 1000)).isEqualTo(new ByteRange.Partial(900, 999, 1000));
        assertThat(ByteRange.of("bytes=-100", 1000)).isEqualTo(new ByteRange.Partial(900, 999, 1000));
        assertThat(ByteRange.of("bytes=990-5000", 1000)).isEqualTo(new ByteRange.Partial(990, 999, 1000));
    }

    @Test
    void a_twenty_digit_suffix_is_the_whole_file_not_an_overflow() {
        assertThat(ByteRange.of("bytes=-99999999999999999999", 1000)).isEqualTo(new ByteRange.Partial(0, 999, 1000));
    }

    @Test
    void a_first_position_past_the_end_is_416_even_with_thousands_of_digits() {
        assertThat(ByteRange.of("bytes=1000-", 1000)).isEqualTo(new ByteRange.Unsatisfiable(1000));
        assertThat(ByteRange.of("bytes=" + "9".repeat(5000) + "-", 1000)).isEqualTo(new ByteRange.Unsatisfiable(1000));
        assertThat(ByteRange.of("bytes=-0", 1000)).isEqualTo(new ByteRange.Unsatisfiable(1000));
        assertThat(new ByteRange.Unsatisfiable(1000).contentRange()).isEqualTo("bytes */1000");
    }

    @Test
    void what_the_rfc_lets_a_server_ignore_is_the_whole_file() {
        for (String ignored : new String[]{"items=0-1", "bytes=5-1", "bytes=0-1,5-6", "bytes=", "bytes=--1", "bytes=a-b", "x"}) {
            assertThat(ByteRange.of(ignored, 1000)).as(ignored).isEqualTo(ByteRange.WHOLE);
        }
        assertThat(ByteRange.of(null, 1000)).isEqualTo(ByteRange.WHOLE);
    }
}
