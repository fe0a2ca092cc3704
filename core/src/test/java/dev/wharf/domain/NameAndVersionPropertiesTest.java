package dev.wharf.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Names and versions arrive in URLs and form fields from anyone: any string is a value or an
 * {@link InvalidInput} with a message (a 400), never another exception, and a value prints back
 * to the text that parses to itself.
 */
class NameAndVersionPropertiesTest {

    @Property(tries = 3000)
    void any_text_is_a_name_or_a_refusal(@ForAll("names") String text) {
        try {
            PackageName name = PackageName.parse(text);
            assertThat(PackageName.parse(name.toString())).isEqualTo(name);
            assertThat(name.toString().length()).isLessThanOrEqualTo(PackageName.MAX_LENGTH);
        } catch (InvalidInput refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(500);
        }
    }

    @Property(tries = 3000)
    void any_text_is_a_version_or_a_refusal(@ForAll("versions") String text) {
        try {
            PackageVersion version = PackageVersion.parse(text);
            assertThat(PackageVersion.parse(version.toString())).isEqualTo(version);
        } catch (InvalidInput refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(500);
        }
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcz09-_.:/%@A \u0000é").ofMaxLength(20);
        return Arbitraries.oneOf(word, word.list().ofMaxSize(4).map(parts -> String.join(":", parts)),
                Arbitraries.strings().ofMaxLength(300), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().between(0, 1000).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40), Arbitraries.strings().withChars("0-+.a").ofMaxLength(4));
        Arbitrary<String> dotted = number.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
        return Arbitraries.oneOf(dotted, dotted.map(v -> v + "-" + "alpha.1"), dotted.map(v -> v + "+build.01"),
                Arbitraries.strings().ofMaxLength(100), Arbitraries.just(null));
    }
}
