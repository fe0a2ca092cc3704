package dev.wharf.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Run client's search endpoint keeps its shape, and gains relevance, filters and orders. */
class SearchApiTest {

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;

    @BeforeAll
    static void start() throws Exception {
        run = registry.run();
        publish("acme:json", "1.0.0", "Encode and decode JSON values");
        publish("data:json-parser", "1.0.0", "Streaming JSON parser");
        publish("data:json-parser", "1.1.0", "Streaming JSON parser in constant memory");
        publish("text:markdown", "1.0.0", "Render Markdown to HTML");
    }

    static void publish(String name, String version, String description) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("version", version);
        fields.put("description", description);
        byte[] bytes = Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"));
        assertThat(run.publish("admin-secret", fields, "component", "application/wasm", bytes).status()).isEqualTo(201);
    }

    static List<String> names(JsonNode body) {
        return StreamSupport.stream(body.get("packages").spliterator(), false).map(p -> p.get("name").asText()).toList();
    }

    @Test
    void answers_in_the_run_protocol_shape_with_total_counting_packages() throws Exception {
        JsonNode body = run.search("json").json();
        assertThat(body.fieldNames()).toIterable().containsExactly("packages", "total");
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(names(body)).containsExactly("acme:json", "data:json-parser");
        JsonNode parser = body.get("packages").get(1);
        assertThat(parser.get("version").asText()).isEqualTo("1.1.0");
        for (String field : List.of("name", "version", "description", "license", "size", "sha256", "download_url", "wit_url",
                "dependencies", "targets", "repository", "published_at", "kind", "imports", "exports", "downloads")) {
            assertThat(parser.has(field)).as(field).isTrue();
        }
    }

    @Test
    void ranks_typos_prefixes_and_filters() throws Exception {
        assertThat(names(run.search("markdwon").json())).containsExactly("text:markdown");
        assertThat(names(run.search("json-pa").json()).getFirst()).isEqualTo("data:json-parser");
        assertThat(names(run.search("namespace:data json").json())).containsExactly("data:json-parser");
        assertThat(names(run.search("kind:component markdown").json())).containsExactly("text:markdown");
        assertThat(run.search("kind:module").json().get("total").asLong()).isZero();
    }

    @Test
    void pages_and_orders() throws Exception {
        JsonNode recent = run.get("/api/v1/search?q=&sort=recent").json();
        List<Long> published = StreamSupport.stream(recent.get("packages").spliterator(), false)
                .map(p -> p.get("published_at").asLong()).toList();
        assertThat(published).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode second = run.get("/api/v1/search?q=&limit=1&offset=1&sort=recent").json();
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(names(second)).containsExactly(names(recent).get(1));
        // Nothing is downloaded yet: equal downloads fall back to the name.
        assertThat(names(run.get("/api/v1/search?q=&sort=downloads").json()))
                .containsExactly("acme:json", "data:json-parser", "text:markdown");
        assertThat(run.get("/api/v1/search?q=json&sort=sideways").status()).isEqualTo(400);
        assertThat(run.get("/api/v1/search?q=json&limit=-1").status()).isEqualTo(400);
    }

    @Test
    void no_query_lists_everything_and_limit_zero_only_counts() throws Exception {
        // Chosen against Run's reference server (issue 13): no q is every package (it answers 400),
        // and limit=0 is a count with no listing (it answers the same).
        JsonNode all = run.get("/api/v1/search").json();
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("packages")).hasSize(3);
        JsonNode counted = run.get("/api/v1/search?q=json&limit=0").json();
        assertThat(counted.get("packages")).isEmpty();
        assertThat(counted.get("total").asLong()).isEqualTo(2);
        assertThat(run.get("/api/v1/search?q=" + RunProtocol.encode("json~ AND (\"x")).status()).isEqualTo(200);
    }
}
