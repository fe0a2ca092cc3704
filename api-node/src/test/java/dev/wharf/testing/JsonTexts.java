package dev.wharf.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** JSON texts for property tests of request bodies: documented shapes, any JSON, and near-JSON. */
public final class JsonTexts {

    private JsonTexts() {}

    /** An object with some of {@code fields} (each with its own values, or any JSON) and maybe an unknown one, in any order. */
    public static Arbitrary<String> objects(Map<String, Arbitrary<String>> fields) {
        List<Arbitrary<String>> members = new ArrayList<>();
        fields.forEach((name, values) -> members.add(Arbitraries.oneOf(values, values, any()).map(v -> quoted(name) + ": " + v)));
        members.add(any().map(v -> "\"other\": " + v));
        return Arbitraries.oneOf(members).list().ofMaxSize(fields.size() + 2).map(m -> "{" + String.join(", ", m) + "}");
    }

    /** The text itself mostly; else cut short, doubled, with something after it, any other JSON, or arbitrary characters. */
    public static Arbitrary<String> near(Arbitrary<String> text) {
        return Arbitraries.frequencyOf(Tuple.of(6, text),
                Tuple.of(1, text.map(t -> t.substring(0, t.length() / 2))),
                Tuple.of(1, text.map(t -> t + t)),
                Tuple.of(1, Combinators.combine(text, Arbitraries.of(" x", "]", "}", ",", " null", "\u0000")).as(String::concat)),
                Tuple.of(2, any()),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(80)),
                Tuple.of(1, Arbitraries.strings().withChars("[]{}\",:nul0 ").ofMaxLength(40)),
                Tuple.of(1, Arbitraries.integers().between(900, 3000).map(n -> "[".repeat(n) + "]".repeat(n))));
    }

    /** Any JSON value, two levels deep. */
    public static Arbitrary<String> any() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "2147483648",
                        "123456789012345678901234567890", "1.5", "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\""),
                Arbitraries.strings().ofMaxLength(12).map(JsonTexts::quoted), Arbitraries.strings().ofLength(1100).map(JsonTexts::quoted));
        Arbitrary<String> level = Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6), scalar).as((k, v) -> "{" + quoted(k) + ": " + v + "}"));
        return Arbitraries.oneOf(scalar, level.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6), level).as((k, v) -> "{" + quoted(k) + ": " + v + "}"));
    }

    public static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    /** Strings as JSON: a few from {@code typical}, or any. */
    public static Arbitrary<String> strings(String... typical) {
        return Arbitraries.oneOf(Arbitraries.of(typical).map(JsonTexts::quoted), Arbitraries.strings().ofMaxLength(20).map(JsonTexts::quoted));
    }

}
