package dev.wharf.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publishing each real component of testdata/components records what MANIFEST.tsv says
 * it imports and exports, and those interfaces are what search filters on.
 */
class FixtureInterfacesSearchTest {

    record Fixture(String file, String kind, String name, String version, List<String> exports, List<String> imports) {}

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;
    static List<Fixture> fixtures;

    @BeforeAll
    static void publishEveryFixture() throws Exception {
        run = registry.run();
        fixtures = manifest();
        for (Fixture f : fixtures) {
            RunProtocol.Answer answer = run.publish("admin-secret", f.name(), f.version(), Fixtures.component(f.file()));
            assertThat(answer.status()).as(f.file() + ": " + answer.text()).isEqualTo(201);
        }
    }

    static List<Fixture> manifest() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.components().resolve("MANIFEST.tsv"));
        List<String> header = Arrays.asList(lines.getFirst().split("\t"));
        List<Fixture> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] cells = line.split("\t");
            String kind = cells[header.indexOf("kind")];
            if (kind.equals("invalid")) continue;
            out.add(new Fixture(cells[header.indexOf("file")], kind, cells[header.indexOf("name")],
                    cells[header.indexOf("version")], list(cells[header.indexOf("exports")]), list(cells[header.indexOf("imports")])));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(10);
        return out;
    }

    static List<String> list(String cell) {
        return cell.equals("-") ? List.of() : List.of(cell.split(","));
    }

    static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    List<String> found(String query) throws Exception {
        JsonNode body = run.get("/api/v1/search?limit=100&q=" + RunProtocol.encode(query)).json();
        return StreamSupport.stream(body.get("packages").spliterator(), false).map(p -> p.get("name").asText()).toList();
    }

    @Test
    void every_published_fixture_records_the_interfaces_of_its_manifest() throws Exception {
        for (Fixture f : fixtures) {
            JsonNode meta = run.meta(f.name(), f.version()).json();
            assertThat(meta.get("kind").asText()).as(f.file()).isEqualTo(f.kind().equals("core") ? "module" : "component");
            assertThat(strings(meta.get("exports"))).as(f.file() + " exports").containsExactlyInAnyOrderElementsOf(f.exports());
            assertThat(strings(meta.get("imports"))).as(f.file() + " imports").containsExactlyInAnyOrderElementsOf(f.imports());
        }
    }

    @Test
    void search_filters_on_the_recorded_interfaces() throws Exception {
        assertThat(found("exports:wasi:http/incoming-handler")).containsExactly("example:http-hello");
        assertThat(found("exports:wasi:cli/run")).containsExactly("myorg:hello-cli");
        assertThat(found("imports:wasi:random/random")).containsExactlyInAnyOrder("example:dice", "example:http-hello");
        assertThat(found("imports:wasi:random/insecure-seed")).containsExactlyInAnyOrder("example:kv", "example:kv-async");
        assertThat(found("imports:myorg:utils/strings@1.0.0")).containsExactly("myorg:greeter");
        assertThat(found("exports:myorg:utils/strings")).containsExactly("myorg:utils-impl");
        assertThat(found("imports:wasi_snapshot_preview1")).containsExactly("myorg:hello-cli-core");
        assertThat(found("kind:module")).containsExactlyInAnyOrder("example:fib", "myorg:hello-cli-core", "example:calculator-core");
        assertThat(found("exports:example:kv/store")).containsExactlyInAnyOrder("example:kv", "example:kv-async");
        assertThat(found("incoming handler").getFirst()).isEqualTo("example:http-hello");
    }
}
