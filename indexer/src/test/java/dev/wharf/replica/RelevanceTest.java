package dev.wharf.replica;

import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchQuery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relevance test set: each line of relevance-queries.tsv names the package a person
 * typing that query wants first. The packages are published as log events into a real Lucene
 * replica, among a few hundred generated neighbours. Every relevance bug adds a line.
 */
class RelevanceTest {

    @TempDir
    static Path index;
    static SearchReplica replica;

    @BeforeAll
    static void publishCatalog() throws Exception {
        List<RegistryCatalog.Entry> entries = RegistryCatalog.handWritten();
        Set<String> names = entries.stream().map(RegistryCatalog.Entry::name).collect(Collectors.toSet());
        List<RegistryCatalog.Entry> all = new java.util.ArrayList<>(entries);
        all.addAll(RegistryCatalog.generated(names, 300, 42));
        replica = new SearchReplica(index);
        replica.apply(RegistryCatalog.events(all));
    }

    @AfterAll
    static void close() throws Exception {
        replica.close();
    }

    static Stream<Arguments> queries() throws Exception {
        return RegistryCatalog.tsv("relevance-queries.tsv").stream().map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} ({2})")
    @MethodSource("queries")
    void the_expected_package_comes_first(String query, String expected, String why) throws Exception {
        SearchPage page = replica.search(new SearchQuery(query, 5, 0, SearchQuery.Sort.RELEVANCE));
        List<String> top = page.hits().stream().map(h -> h.latest().name()).toList();
        assertThat(top).as("top hits for '%s' (%s)", query, why).isNotEmpty();
        assertThat(top.getFirst()).as("top hits for '%s' (%s): %s", query, why, top).isEqualTo(expected);
    }

    @Test
    void the_set_is_big_enough_to_mean_something() throws Exception {
        assertThat(RegistryCatalog.tsv("relevance-queries.tsv")).hasSizeGreaterThanOrEqualTo(30);
        assertThat(replica.packageCount()).isGreaterThanOrEqualTo(300);
    }
}
