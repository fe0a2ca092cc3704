package dev.wharf.packages;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Whatever a client puts in a Range header, the parser answers, and what it answers is servable. */
class ByteRangePropertiesTest {

    @Property(tries = 2000)
    void any_header_gives_an_answer_inside_the_file(@ForAll("ranges") String header, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long size) {
        ByteRange answer = ByteRange.of(header, size);
        switch (answer) {
            case ByteRange.Whole w -> { }
            case ByteRange.Partial p -> {
                assertThat(p.first()).isBetween(0L, size - 1);
                assertThat(p.last()).isBetween(p.first(), size - 1);
                assertThat(p.length()).isPositive();
                assertThat(p.contentRange()).isEqualTo("bytes " + p.first() + "-" + p.last() + "/" + size);
            }
            case ByteRange.Unsatisfiable u -> assertThat(u.contentRange()).isEqualTo("bytes */" + size);
        }
    }

    @Property(tries = 500)
    void a_first_position_past_the_end_is_unsatisfiable_however_many_digits(@ForAll @LongRange(min = 0, max = 1_000_000) long size,
                                                                             @ForAll("digits") String extra) {
        String first = Long.toString(size) + extra;
        assertThat(ByteRange.of("bytes=" + first + "-", size)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofMaxLength(5000);
    }

    @Provide
    Arbitrary<String> ranges() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().between(0, 10_000).map(n -> Long.toString(n)),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(60), Arbitraries.just(""));
        Arbitrary<String> wellShaped = net.jqwik.api.Combinators.combine(
                        Arbitraries.of("bytes", "BYTES", "items", "", " bytes "), number, number, Arbitraries.of("-", " - ", "--", ""))
                .as((unit, a, b, dash) -> unit + "=" + a + dash + b);
        return Arbitraries.oneOf(wellShaped, Arbitraries.strings().ofMaxLength(200), Arbitraries.strings().withChars("bytes=-,0123456789 ").ofMaxLength(80));
    }
}
