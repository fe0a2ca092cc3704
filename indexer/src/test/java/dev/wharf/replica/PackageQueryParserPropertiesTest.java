package dev.wharf.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.domain.InvalidInput;
import dev.wharf.registry.PackageSearch;
import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever text a person types — Lucene syntax, unbalanced quotes and brackets, filters with
 * odd values, control characters, any Unicode, far more than the 256 characters the API
 * accepts — the replica answers a page, and each answer comes in bounded time. The index is
 * the relevance suite's hand-written catalog plus 200 generated packages, computed every time
 * (no page cache), so the typo and prefix paths run against real terms.
 */
class PackageQueryParserPropertiesTest {

    // A safety bound, far above the milliseconds a search takes: a text that made the parser
    // or a typo automaton blow up would take seconds or never end.
    static final long SAFETY_BOUND_NANOS = Duration.ofSeconds(5).toNanos();

    static Path dir;
    static SearchReplica replica;

    @BeforeContainer
    static void index() throws Exception {
        dir = Files.createTempDirectory("query-props-");
        replica = new SearchReplica(dir, 0, Duration.ZERO);
        List<RegistryCatalog.Entry> entries = new java.util.ArrayList<>(RegistryCatalog.handWritten());
        HashSet<String> taken = new HashSet<>();
        entries.forEach(e -> taken.add(e.name()));
        entries.addAll(RegistryCatalog.generated(taken, 200, 14));
        replica.apply(RegistryCatalog.events(entries));
    }

    @AfterContainer
    static void close() throws Exception {
        replica.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Property(tries = 250)
    void any_text_is_answered_with_a_page_in_bounded_time(@ForAll("texts") String text, @ForAll("sorts") SearchQuery.Sort sort) throws Exception {
        long start = System.nanoTime();
        SearchPage page = replica.search(new SearchQuery(text, 20, 0, sort));
        assertThat(System.nanoTime() - start).as("nanoseconds for %s", text).isLessThan(SAFETY_BOUND_NANOS);
        assertThat(page.total()).isNotNegative();
        assertThat(page.hits()).hasSizeLessThanOrEqualTo(20);
    }

    /** The same through the API's rules: a query the rules let through is answered; the rest is the domain's refusal. */
    @Property(tries = 100)
    void what_the_api_accepts_is_answered(@ForAll("texts") String text) throws Exception {
        SearchQuery query;
        try {
            query = PackageSearch.query(text, "100", "0", "relevance");
        } catch (InvalidInput refused) {
            assertThat(text.length()).isGreaterThan(PackageSearch.MAX_TEXT);
            return;
        }
        assertThat(replica.search(query).total()).isNotNegative();
    }

    @Provide
    Arbitrary<SearchQuery.Sort> sorts() {
        return Arbitraries.of(SearchQuery.Sort.class);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("http", "json", "htpt", "jsno", "router", "wasi:http", "wasi:http/types@0.2.0", "the", "a", "kind:core",
                        "namespace:corp", "ns:", "exports:wasi:http/incoming-handler@0.2", "imports:wasi:io/streams@", "kind:",
                        ":", "::", "@", "exports:@", "\"", "(", ")", "[", "]", "{", "}", "*", "?", "~2", "^3", "AND", "OR", "NOT",
                        "+", "-", "!", "&&", "||", "\\", "/", "name:(a", "[1 TO *}", "\u0000", "\u0007", "\u200b", "İ", "ß", "ǅ",
                        "\ud83d\ude00", "\ud800", "ｗａｓｉ", "ＨＴＴＰ", "١٢٣", "汉字", "x".repeat(33), "y".repeat(300)),
                Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(4).ofMaxLength(40));
        Arbitrary<String> typed = word.list().ofMaxSize(40).map(words -> String.join(" ", words));
        return Arbitraries.oneOf(typed, typed, Arbitraries.strings().ofMaxLength(300), Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("\"()[]{}:*?~^\\/+-!&| abc").ofMaxLength(500),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1000).ofMaxLength(5000),
                word.list().ofMinSize(100).ofMaxSize(400).map(words -> String.join(" ", words)));
    }
}
