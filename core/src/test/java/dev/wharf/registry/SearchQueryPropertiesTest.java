package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.domain.InvalidInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a client puts in {@code q}, {@code limit}, {@code offset} and {@code sort}, the
 * search rules answer with a query inside the documented bounds or with the domain's refusal
 * naming the parameter — never another exception.
 */
class SearchQueryPropertiesTest {

    @Property(tries = 2000)
    void any_parameters_give_a_bounded_query_or_a_refusal_naming_one(@ForAll("texts") String q, @ForAll("numbers") String limit,
                                                                      @ForAll("numbers") String offset, @ForAll("sorts") String sort) {
        try {
            SearchQuery query = PackageSearch.query(q, limit, offset, sort);
            assertThat(query.text()).isNotNull().hasSizeLessThanOrEqualTo(PackageSearch.MAX_TEXT);
            assertThat(query.limit()).isBetween(0, PackageSearch.MAX_LIMIT);
            assertThat(query.offset()).isBetween(0, PackageSearch.MAX_OFFSET);
            assertThat(query.sort()).isNotNull();
        } catch (InvalidInput refused) {
            assertThat(refused.getMessage()).matches("(?s)^(q|limit|offset|sort) .*");
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().ofMaxLength(300), Arbitraries.strings().ofLength(257),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("\"unbalanced", "name:(a OR b", "title:[1 TO", "*:*", "a~2^3", "\\", "ns: ", " ", "\u0000\u0007",
                        "wasi:http/types@0.2.0", "kind:core namespace:x exports:wasi:http"),
                Arbitraries.strings().withChars("\"()[]{}:*?~^\\/+-!&| ").ofMaxLength(300));
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.integers().map(Object::toString),
                Arbitraries.of("", " 5 ", "1e3", "0x10", "-0", "99999999999999999999", "١٢", "+3", "5.0"),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> sorts() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of("relevance", "DOWNLOADS", " recent ", "", "ı", "RELEVANCE\u0000"),
                Arbitraries.strings().ofMaxLength(12));
    }
}
