package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.domain.Dependency;
import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.Sha256;
import dev.wharf.events.PublishVersion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a client writes in the JSON fields of a publish form ({@code targets},
 * {@code dependencies}), the rules answer with an event whose lists hold no null and no
 * unchecked entry, or with the domain's refusal naming the field — never another exception.
 * Texts are arbitrary, near-JSON (cut, doubled, with trailing garbage) and arbitrary JSON
 * structures built from the documented shapes outwards.
 */
class PublishJsonFieldsPropertiesTest {

    static final PackageName NAME = PackageName.parse("alice:calc");

    static PublishForm form(String field, String value) {
        Map<String, String> fields = new HashMap<>();
        fields.put("version", "1.0.0");
        fields.put(field, value);
        return new PublishForm(fields, Path.of("unused.wasm"), Sha256.parse("0".repeat(64)), 8);
    }

    @Property(tries = 1500)
    void targets_are_a_list_of_checked_strings_or_a_refusal_naming_targets(@ForAll("targetTexts") String text) {
        try {
            PublishVersion event = PublishRules.validate(form("targets", text), NAME, null, "alice", 1L);
            assertThat(event.targets()).doesNotContainNull()
                    .allSatisfy(t -> assertThat(t).isNotBlank().hasSizeLessThanOrEqualTo(PublishRules.MAX_SHORT_FIELD));
        } catch (InvalidInput refused) {
            assertThat(refused.getMessage()).startsWith("targets");
        }
    }

    @Property(tries = 1500)
    void dependencies_are_checked_records_or_a_refusal_naming_dependencies(@ForAll("dependencyTexts") String text) {
        try {
            PublishVersion event = PublishRules.validate(form("dependencies", text), NAME, null, "alice", 1L);
            assertThat(event.dependencies()).doesNotContainNull().allSatisfy(PublishJsonFieldsPropertiesTest::checked);
        } catch (InvalidInput refused) {
            assertThat(refused.getMessage()).startsWith("dependencies");
        }
    }

    static void checked(Dependency d) {
        assertThat(d.name()).isNotNull();
        assertThat(d.version()).isNotNull();
        PackageName.parse(d.name());
        VersionRequirement.check(d.name(), d.version());
    }

    @Provide
    Arbitrary<String> targetTexts() {
        Arbitrary<String> target = Arbitraries.oneOf(Arbitraries.of("wasi:cli/command", "wasm32-wasip2", "", " ", "null"),
                Arbitraries.strings().ofMaxLength(20), Arbitraries.strings().ofLength(257));
        return near(Arbitraries.oneOf(json(target.map(PublishJsonFieldsPropertiesTest::quoted)), anyJson()));
    }

    @Provide
    Arbitrary<String> dependencyTexts() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("\"wasi:io\"", "\"lib:x\"", "\"Bad Name\"", "\"a:b:c\"", "null", "1", "[]", "{}"),
                Arbitraries.strings().ofMaxLength(30).map(PublishJsonFieldsPropertiesTest::quoted));
        Arbitrary<String> requirement = Arbitraries.oneOf(
                Arbitraries.of("\"1\"", "\"^1.2.3\"", "\">=1.0, <2.0\"", "\"*\"", "\"1.0 || 2.0\"", "\"\"", "null", "12", "true", "{}"),
                Arbitraries.strings().ofMaxLength(30).map(PublishJsonFieldsPropertiesTest::quoted),
                Arbitraries.strings().ofLength(300).map(PublishJsonFieldsPropertiesTest::quoted));
        Arbitrary<String> optional = Arbitraries.of("", ", \"optional\": true", ", \"optional\": null", ", \"optional\": \"yes\"",
                ", \"optional\": 7", ", \"other\": 1", ", \"name\": \"dup:dup\"");
        Arbitrary<String> dependency = Arbitraries.oneOf(
                Combinators.combine(name, requirement, optional).as((n, r, o) -> "{\"name\": " + n + ", \"version\": " + r + o + "}"),
                Combinators.combine(name, optional).as((n, o) -> "{\"name\": " + n + o + "}"),
                Arbitraries.of("null", "{}", "[]", "\"wasi:io\"", "1"));
        return near(Arbitraries.oneOf(json(dependency), anyJson()));
    }

    /** A JSON array of the given entries, up to 5 of them. */
    static Arbitrary<String> json(Arbitrary<String> entry) {
        return entry.list().ofMaxSize(5).map(entries -> "[" + String.join(", ", entries) + "]");
    }

    /** Any JSON value a few levels deep, and arrays nested past Jackson's depth limit. */
    static Arbitrary<String> anyJson() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "false", "0", "-1e999", "1e400", "\"\"",
                        "123456789012345678901234567890", "\"\\u0000\"", "\"\\ud800\""),
                Arbitraries.strings().ofMaxLength(12).map(PublishJsonFieldsPropertiesTest::quoted));
        Arbitrary<String> value = Arbitraries.lazyOf(() -> scalar,
                () -> anyJsonLevel(scalar).list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                () -> Combinators.combine(Arbitraries.of("name", "version", "optional", "x", ""), anyJsonLevel(scalar))
                        .as((k, v) -> "{\"" + k + "\": " + v + "}"));
        Arbitrary<String> deep = Arbitraries.integers().between(900, 3000).map(n -> "[".repeat(n) + "]".repeat(n));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, value), net.jqwik.api.Tuple.of(1, deep));
    }

    private static Arbitrary<String> anyJsonLevel(Arbitrary<String> scalar) {
        return Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.of("name", "version", "optional"), scalar).as((k, v) -> "{\"" + k + "\": " + v + "}"));
    }

    /** The text itself, or it cut short, doubled, with something after it, or arbitrary characters. */
    static Arbitrary<String> near(Arbitrary<String> text) {
        return Arbitraries.oneOf(text, text,
                text.map(t -> t.substring(0, t.length() / 2)),
                text.map(t -> t + t),
                Combinators.combine(text, Arbitraries.of(" x", "]", "}", ",", " null", "\u0000", " // c")).as(String::concat),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("[]{}\",:nul0 ").ofMaxLength(40));
    }

    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
