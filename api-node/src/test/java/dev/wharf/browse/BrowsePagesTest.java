package dev.wharf.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A person browses the registry: lists, search, package pages, with nothing a publisher wrote executed. */
class BrowsePagesTest {

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;

    @BeforeAll
    static void start() throws Exception {
        run = registry.run();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "evil:widget");
        fields.put("version", "1.0.0");
        fields.put("description", "<script>alert('x')</script><img src=x onerror=alert(1)> & friends");
        fields.put("license", "<b>MIT</b>");
        byte[] bytes = Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"));
        assertThat(run.publish("admin-secret", fields, "component", "application/wasm", bytes).status()).isEqualTo(201);
    }

    @Test
    void the_package_page_shows_the_install_line_and_escapes_everything() throws Exception {
        RunProtocol.Answer page = run.get("/browse/evil%3Awidget");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String html = page.text();
        assertThat(html).contains("run v2 install evil:widget@1.0.0");
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>MIT</b>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html).contains(RunProtocol.sha256(Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"))));
    }

    @Test
    void the_list_searches_on_the_server_and_escapes_the_query() throws Exception {
        String html = run.get("/browse?q=" + RunProtocol.encode("widget\"><script>x</script>")).text();
        assertThat(html).doesNotContain("<script>x</script>");
        String found = run.get("/browse?q=widget").text();
        assertThat(found).contains("evil:widget").contains("1 matching package");
        assertThat(run.get("/browse").text()).contains("packages").contains("evil:widget");
    }

    @Test
    void odd_values_in_the_address_fall_back_to_a_normal_page() throws Exception {
        for (String odd : List.of("/browse?q=widget&sort=bogus", "/browse?q=widget&page=abc", "/browse?q=widget&page=-3",
                "/browse?q=" + "widget+".repeat(60))) {
            RunProtocol.Answer page = run.get(odd);
            assertThat(page.status()).as(odd).isEqualTo(200);
            assertThat(page.text()).as(odd).contains("<html").contains("evil:widget");
        }
        // The API keeps its strict answers.
        assertThat(run.get("/api/v1/search?q=widget&sort=bogus").status()).isEqualTo(400);
    }

    @Test
    void an_unknown_package_page_is_404() throws Exception {
        assertThat(run.get("/browse/nobody%3Anothing").status()).isEqualTo(404);
    }
}
