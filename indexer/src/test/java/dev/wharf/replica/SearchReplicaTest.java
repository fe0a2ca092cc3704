package dev.wharf.replica;

import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchHit;
import dev.wharf.registry.SearchQuery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.events.PublishVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica as a projection of the log: first publish wins, offsets survive restarts, and any typed text is answered. */
class SearchReplicaTest {

    @TempDir
    Path index;

    static final RegistryCatalog.Entry ROUTER = new RegistryCatalog.Entry("acme:http-router", "component", 0,
            List.of("wasi:http/incoming-handler@0.2.0"), List.of("wasi:http/types@0.2.0"), "Fast request router");

    static LoggedEvent at(long offset, Object event) {
        return new LoggedEvent(0, offset, (dev.wharf.events.RegistryEvent) event, null);
    }

    /** {@code count} downloads of ROUTER 1.0.0, counted by {@code node}. */
    static DownloadsCounted routerDownloads(long count, String node) {
        return new DownloadsCounted(UUID.randomUUID(), ROUTER.name(), Map.of("1.0.0", count), node);
    }

    static SearchQuery query(String text) {
        return new SearchQuery(text, 20, 0, SearchQuery.Sort.RELEVANCE);
    }

    @Test
    void the_first_publish_of_a_version_wins_and_the_latest_version_is_shown() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            replica.apply(List.of(
                    at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "the first router", 1)),
                    at(1, RegistryCatalog.publish(ROUTER, "1.0.0", "a second attempt at 1.0.0", 2)),
                    at(2, RegistryCatalog.publish(ROUTER, "0.9.0", "an older router", 3))));
            SearchPage page = replica.search(query("router"));
            assertThat(page.total()).isEqualTo(1);
            assertThat(page.hits().getFirst().latest().version()).isEqualTo("1.0.0");
            assertThat(page.hits().getFirst().latest().description()).isEqualTo("the first router");
            assertThat(replica.search(query("attempt")).total()).isZero();
        }
    }

    @Test
    void a_restart_resumes_from_the_committed_offsets_and_downloads_add_up() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "router", 1)),
                    at(1, routerDownloads(5, "a"))));
        }
        try (SearchReplica replica = new SearchReplica(index, SearchReplica.DEFAULT_CACHED_HITS, Duration.ZERO)) {
            assertThat(replica.positions()).isEqualTo(Map.of(0, 2L));
            // A redelivered batch must not count twice.
            replica.apply(List.of(at(1, routerDownloads(5, "a")),
                    at(2, routerDownloads(2, "b"))));
            assertThat(replica.search(query("router")).hits().getFirst().downloads()).isEqualTo(7);
        }
    }

    @Test
    void download_counts_wait_for_their_delay_and_add_up_meanwhile_while_a_publish_is_searchable_at_once() throws Exception {
        try (SearchReplica replica = new SearchReplica(index, SearchReplica.DEFAULT_CACHED_HITS, Duration.ofHours(1))) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "router", 1))));
            SearchPage before = replica.search(query("router"));
            assertThat(before.hits().getFirst().downloads()).isZero();
            replica.apply(List.of(at(1, routerDownloads(5, "a"))));
            replica.apply(List.of(at(2, routerDownloads(2, "b"))));
            assertThat(replica.search(query("router"))).as("the cached page outlives download counts").isSameAs(before);

            RegistryCatalog.Entry kit = new RegistryCatalog.Entry("beta:router-kit", "component", 0, List.of(), List.of(), "router kit");
            replica.apply(List.of(at(3, RegistryCatalog.publish(kit, "1.0.0", "router kit", 2))));
            SearchPage after = replica.search(query("router"));
            assertThat(after.total()).as("a publish is searchable at once").isEqualTo(2);
            assertThat(after.hits()).filteredOn(h -> h.latest().name().equals(ROUTER.name()))
                    .extracting(SearchHit::downloads).as("counts applied before the refresh add up").containsExactly(7L);
        }
        try (SearchReplica replica = new SearchReplica(index, SearchReplica.DEFAULT_CACHED_HITS, Duration.ofHours(1))) {
            assertThat(replica.search(query("acme:http-router")).hits().getFirst().downloads()).as("and are committed").isEqualTo(7);
        }
    }

    @Test
    void a_count_changes_only_the_counts_and_the_package_stays_whole_through_later_publishes() throws Exception {
        RegistryCatalog.Entry kit = new RegistryCatalog.Entry("beta:router-kit", "component", 0, List.of(), List.of(), "router kit");
        try (SearchReplica replica = new SearchReplica(index, SearchReplica.DEFAULT_CACHED_HITS, Duration.ZERO)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "router", 1)),
                    at(1, RegistryCatalog.publish(kit, "1.0.0", "router kit", 2))));
            // counts alone: updated in place; then counts in the same batch as a publish: rebuilt
            replica.apply(List.of(at(2, routerDownloads(5, "a")), at(3, routerDownloads(2, "b"))));
            SearchPage byDownloads = replica.search(new SearchQuery("router", 20, 0, SearchQuery.Sort.DOWNLOADS));
            assertThat(byDownloads.hits()).extracting(h -> h.latest().name() + "=" + h.downloads())
                    .containsExactly(ROUTER.name() + "=7", kit.name() + "=0");

            replica.apply(List.of(at(4, routerDownloads(1, "a")), at(5, RegistryCatalog.publish(ROUTER, "1.1.0", "faster router", 3))));
            SearchPage after = replica.search(query("faster"));
            assertThat(after.hits()).singleElement().satisfies(hit -> {
                assertThat(hit.latest().version()).isEqualTo("1.1.0");
                assertThat(hit.downloads()).as("counts kept through the rebuilt document").isEqualTo(8);
            });
            assertThat(replica.search(query("http-router")).total()).as("still found by its name").isEqualTo(1);
        }
        try (SearchReplica replica = new SearchReplica(index, SearchReplica.DEFAULT_CACHED_HITS, Duration.ZERO)) {
            replica.apply(List.of(at(6, routerDownloads(2, "c"))));
            assertThat(replica.search(query("router")).hits()).filteredOn(h -> h.latest().name().equals(ROUTER.name()))
                    .extracting(SearchHit::downloads).as("committed, and counted on after a restart").containsExactly(10L);
        }
    }

    @Test
    void download_counts_reach_search_once_their_delay_is_over() throws Exception {
        try (SearchReplica replica = new SearchReplica(index, SearchReplica.DEFAULT_CACHED_HITS, Duration.ofMillis(50))) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "router", 1))));
            replica.apply(List.of(at(1, routerDownloads(5, "a"))));
            long downloads = 0;
            for (int attempt = 0; attempt < 200 && downloads != 5; attempt++) {
                Thread.sleep(50);
                downloads = replica.search(query("router")).hits().getFirst().downloads();
            }
            assertThat(downloads).as("searched after the delay, without any further event").isEqualTo(5);
        }
    }

    @Test
    void filters_match_interfaces_at_every_width_and_versions_by_whole_components() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "router", 1))));
            for (String hit : List.of("exports:wasi:http/incoming-handler", "exports:wasi:http", "exports:wasi",
                    "exports:wasi:http/incoming-handler@0.2.0", "exports:wasi:http@0.2", "exports:WASI:HTTP/Incoming-Handler@0.2",
                    "imports:wasi:http/types", "kind:component", "namespace:acme", "ns:acme router")) {
                assertThat(replica.search(query(hit)).total()).as(hit).isEqualTo(1);
            }
            for (String miss : List.of("exports:wasi:http/incoming-handler@0.2.1", "exports:wasi:http/types",
                    "imports:wasi:http/incoming-handler", "kind:module", "namespace:acm", "namespace:acme calculator")) {
                assertThat(replica.search(query(miss)).total()).as(miss).isZero();
            }
        }
    }

    @Test
    void total_counts_matching_packages_not_versions_and_paging_walks_them_all() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            List<RegistryCatalog.Entry> entries = RegistryCatalog.generated(java.util.Set.of(), 45, 7);
            replica.apply(RegistryCatalog.events(entries));
            SearchPage first = replica.search(new SearchQuery("", 20, 0, SearchQuery.Sort.DOWNLOADS));
            assertThat(first.total()).isEqualTo(45);
            List<String> seen = new java.util.ArrayList<>();
            for (int offset = 0; offset < 60; offset += 20) {
                replica.search(new SearchQuery("", 20, offset, SearchQuery.Sort.RECENT)).hits()
                        .forEach(h -> seen.add(h.latest().name()));
            }
            assertThat(seen).doesNotHaveDuplicates().hasSize(45);
            List<Long> downloads = first.hits().stream().map(SearchHit::downloads).toList();
            assertThat(downloads).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    @Test
    void words_matching_nothing_together_fall_back_to_any_word() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "Fast request router", 1))));
            assertThat(replica.search(query("router spaceship")).total()).isEqualTo(1);
            assertThat(replica.search(query("spaceship")).total()).isZero();
        }
    }

    @Test
    void any_typed_text_is_answered_without_errors() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            List<RegistryCatalog.Entry> entries = new java.util.ArrayList<>(RegistryCatalog.handWritten());
            entries.addAll(RegistryCatalog.generated(java.util.Set.of(), 300, 3));
            replica.apply(RegistryCatalog.events(entries));
            List<String> hostile = List.of("\"", "*", "?", "\\", "router~2", "title:foo^3", "((", ")", "AND OR NOT",
                    "router AND", "[a TO z]", "{", "/regex/", ":", ":::", "exports:", "kind:", "namespace:", "-", "--",
                    "+router", "!router", "a:b:c:d", "é💥\u0000\u202e", "x".repeat(256), "w ".repeat(128),
                    "exports:a ".repeat(30), "routerr handlerx middlewre requestt paramters fastt routr reqest pathh middlware handlr paramter",
                    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "%27%3B--", "'; DROP TABLE");
            for (String text : hostile) {
                assertThatCode(() -> replica.search(query(text))).as(text).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void a_repeated_search_is_answered_from_the_page_cache_until_the_index_changes() throws Exception {
        try (SearchReplica replica = new SearchReplica(index)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "Fast request router", 1))));
            SearchPage first = replica.search(query("router"));
            assertThat(replica.search(query("router"))).isSameAs(first);
            assertThat(replica.pageCacheStats().hitCount()).isEqualTo(1);

            RegistryCatalog.Entry other = new RegistryCatalog.Entry("beta:router-kit", "component", 0, List.of(), List.of(), "router kit");
            replica.apply(List.of(at(1, RegistryCatalog.publish(other, "1.0.0", "router kit", 2)),
                    at(2, RegistryCatalog.publish(ROUTER, "1.1.0", "Faster request router", 3))));
            SearchPage after = replica.search(query("router"));
            assertThat(after.total()).isEqualTo(2);
            assertThat(after.hits()).extracting(h -> h.latest().version()).contains("1.1.0");
            assertThat(replica.search(query("router"))).isSameAs(after);
        }
    }

    @Test
    void without_a_page_cache_every_search_is_computed() throws Exception {
        try (SearchReplica replica = new SearchReplica(index, 0, SearchReplica.DEFAULT_DOWNLOAD_COUNTS_DELAY)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "Fast request router", 1))));
            assertThat(replica.search(query("router"))).isNotSameAs(replica.search(query("router")));
            assertThat(replica.pageCacheStats().requestCount()).isZero();
        }
    }

    @Test
    void a_name_typed_beyond_the_indexed_prefix_length_is_still_found_by_its_prefix() throws Exception {
        RegistryCatalog.Entry longName = new RegistryCatalog.Entry("acme:streaming-protocol-buffers-decoder-toolkit", "component", 0,
                List.of(), List.of(), "decodes protobuf streams");
        try (SearchReplica replica = new SearchReplica(index)) {
            replica.apply(List.of(at(0, RegistryCatalog.publish(longName, "1.0.0", "decodes protobuf streams", 1)),
                    at(1, RegistryCatalog.publish(ROUTER, "1.0.0", "router", 2))));
            for (String typed : List.of("st", "streaming-protocol-buffers", "streaming-protocol-buffers-decoder-tool", "toolk")) {
                assertThat(replica.search(query(typed)).hits()).as(typed)
                        .extracting(h -> h.latest().name()).containsExactly(longName.name());
            }
        }
    }

    @Test
    void a_word_nobody_had_is_found_once_a_package_brings_it() throws Exception {
        for (int cachedHits : new int[] {0, SearchReplica.DEFAULT_CACHED_HITS}) {
            Path dir = index.resolve("cache-" + cachedHits);
            try (SearchReplica replica = new SearchReplica(dir, cachedHits, SearchReplica.DEFAULT_DOWNLOAD_COUNTS_DELAY)) {
                replica.apply(List.of(at(0, RegistryCatalog.publish(ROUTER, "1.0.0", "Fast request router", 1))));
                assertThat(replica.search(query("zeppelin")).total()).isZero();
                assertThat(replica.search(query("zeppelin router")).total()).isEqualTo(1); // any-word fallback
                RegistryCatalog.Entry airship = new RegistryCatalog.Entry("acme:zeppelin", "component", 0, List.of(), List.of(),
                        "an airship");
                replica.apply(List.of(at(1, RegistryCatalog.publish(airship, "1.0.0", "an airship", 2))));
                assertThat(replica.search(query("zeppelin")).hits()).extracting(h -> h.latest().name()).containsExactly("acme:zeppelin");
                assertThat(replica.search(query("zeppelin router")).total()).isEqualTo(2);
            }
        }
    }
}
