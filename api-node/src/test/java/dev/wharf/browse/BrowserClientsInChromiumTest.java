package dev.wharf.browse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What browsers see (issue 13): a package page charts its downloads per day, drawn on the
 * server as SVG under the same strict CSP, on a desktop and a phone, and offers an install line
 * for every version; a web page on another origin may read the registry, and may publish only
 * when its origin is listed in CORS_WRITE_ORIGINS — checked by Chromium's own CORS preflight.
 */
class BrowserClientsInChromiumTest {

    static Path data;
    static RunningRegistry registry;
    static RunProtocol run;
    static HeadlessChromium chromium;
    static HttpServer listedSite;
    static HttpServer otherSite;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("wharf-browser-clients-");
        listedSite = site();
        otherSite = site();
        registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret",
                "CORS_WRITE_ORIGINS", origin(listedSite)));
        base = registry.url().toString();
        run = new RunProtocol(registry.url());
        Path wasm = Fixtures.component("component/example-calculator-1.1.0.wasm");
        for (String v : List.of("0.9.0", "1.0.0", "1.1.0")) {
            assertThat(run.publish("admin-secret", "acme:calc", v, wasm).status()).isEqualTo(201);
        }
        for (int i = 0; i < 3; i++) run.download("acme:calc", "1.1.0");
        for (int i = 0; i < 2; i++) run.download("acme:calc", "1.0.0");
        run.download("acme:calc", "0.9.0");
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) chromium.close();
        } finally {
            if (listedSite != null) listedSite.stop(0);
            if (otherSite != null) otherSite.stop(0);
            if (registry != null) registry.close();
        }
    }

    @Test
    void downloads_per_day_come_as_typed_json_for_the_last_days() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode daily = Eventually.await(Duration.ofSeconds(30), () -> run.get("/api/v1/packages/acme%3Acalc/downloads?days=90").json(),
                d -> d.path("days").size() == 90 && d.path("days").get(89).path("total").asLong() == 6);
        assertThat(daily.get("name").asText()).isEqualTo("acme:calc");
        JsonNode last = daily.get("days").get(89);
        assertThat(last.get("date").asText()).isEqualTo(today);
        assertThat(last.get("versions").get("1.1.0").asLong()).isEqualTo(3);
        assertThat(last.get("versions").get("1.0.0").asLong()).isEqualTo(2);
        assertThat(last.get("versions").get("0.9.0").asLong()).isEqualTo(1);
        assertThat(daily.get("days").get(0).get("total").asLong()).isZero();
        assertThat(run.get("/api/v1/packages/acme%3Acalc/downloads").json().get("days")).hasSize(90);
        assertThat(run.get("/api/v1/packages/acme%3Acalc/downloads?days=7").json().get("days")).hasSize(7);
        assertThat(run.get("/api/v1/packages/acme%3Acalc/downloads?days=0").status()).isEqualTo(400);
        assertThat(run.get("/api/v1/packages/acme%3Acalc/downloads?days=many").status()).isEqualTo(400);
        assertThat(run.get("/api/v1/packages/acme%3Anone/downloads").status()).isEqualTo(404);
    }

    @Test
    void a_package_page_charts_downloads_and_offers_every_version_to_install() throws Exception {
        Eventually.await(Duration.ofSeconds(30), () -> run.get("/api/v1/packages/acme%3Acalc/downloads?days=1").json(),
                d -> d.path("days").get(0).path("total").asLong() == 6);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(registry.url().resolve("/browse/acme%3Acalc")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; script-src 'self'; style-src 'self';");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");

        for (boolean phone : List.of(false, true)) {
            chromium.viewport(phone);
            chromium.driver.get(base + "/browse/acme%3Acalc");
            WebElement chart = chromium.driver.findElement(By.id("downloads-chart"));
            assertThat(chart.getRect().getWidth()).as("chart width on " + (phone ? "a phone" : "a desktop")).isGreaterThan(250);
            assertThat(chromium.driver.findElements(By.cssSelector("#downloads-chart rect"))).hasSize(3);
            assertThat(chromium.driver.findElement(By.id("chart-legend")).getText())
                    .contains("1.1.0").contains("1.0.0").contains("0.9.0");
            List<String> installs = chromium.driver.findElements(By.cssSelector("code.install-version")).stream()
                    .map(WebElement::getText).toList();
            assertThat(installs).hasSize(3);
            assertThat(installs.get(0)).contains("acme:calc").contains("1.1.0");
            assertThat(installs.get(2)).contains("0.9.0");
            Object overflow = chromium.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
            Path shot = chromium.screenshot("downloads-chart-" + (phone ? "phone" : "desktop"));
            assertThat(Files.size(shot)).isGreaterThan(5_000);
        }
        chromium.viewport(false);

        // Copying an older version's line copies that version's command.
        chromium.driver.get(base + "/browse/acme%3Acalc");
        chromium.grantClipboard(base);
        WebElement copy = chromium.driver.findElement(By.cssSelector("button[data-copy='install-2']"));
        copy.click();
        chromium.waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        Object clipboard = chromium.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e));");
        assertThat(clipboard).isEqualTo(chromium.driver.findElement(By.id("install-2")).getText());
        assertThat((String) clipboard).endsWith("@0.9.0");
    }

    @Test
    void a_page_on_another_origin_reads_but_publishes_only_from_a_listed_origin() {
        assertThat(corsProbe(otherSite)).isEqualTo("read=200 write=blocked");
        // The listed origin's preflight passes; the empty form then gets the registry's own answer.
        assertThat(corsProbe(listedSite)).isEqualTo("read=200 write=400");
    }

    @Test
    void plain_http_clients_see_the_same_cors_answers_and_the_landing_page_answers_head() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> read = http.send(HttpRequest.newBuilder(registry.url().resolve("/api/v1/search?q=calc"))
                .header("Origin", "https://elsewhere.example").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

        HttpResponse<Void> readPreflight = http.send(HttpRequest.newBuilder(registry.url().resolve("/packages/acme%3Acalc/1.1.0/artifact.wasm"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(readPreflight.statusCode()).isEqualTo(204);
        assertThat(readPreflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");

        HttpResponse<String> writePreflight = http.send(HttpRequest.newBuilder(registry.url().resolve("/api/v1/packages"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(writePreflight.statusCode()).isEqualTo(403);
        assertThat(writePreflight.body()).contains("\"error\":\"forbidden\"").contains("CORS_WRITE_ORIGINS");
        assertThat(writePreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // A form post needs no preflight: the registry refuses it itself.
        HttpResponse<String> formPost = http.send(HttpRequest.newBuilder(registry.url().resolve("/api/v1/packages"))
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://elsewhere.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(formPost.statusCode()).isEqualTo(403);

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(registry.url().resolve("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(303);
        assertThat(head.headers().firstValue("Location").orElse("")).endsWith("/browse");
        HttpResponse<Void> headBrowse = http.send(HttpRequest.newBuilder(registry.url().resolve("/browse"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(headBrowse.statusCode()).isEqualTo(200);
    }

    /** Opens the site's page, which fetches from the registry (a read, then a publish with a token) and prints what it got. */
    private static String corsProbe(HttpServer site) {
        chromium.driver.get(origin(site) + "/probe.html?registry=" + base);
        WebElement out = chromium.waiting().until(d -> {
            WebElement e = d.findElement(By.id("out"));
            return "1".equals(e.getAttribute("data-done")) ? e : null;
        });
        return out.getText();
    }

    private static String origin(HttpServer site) {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    /** A web site of its own origin (another port) serving the probe page and its script. */
    private static HttpServer site() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String html = "<!doctype html><html><body><p id=\"out\">running</p><script src=\"/probe.js\"></script></body></html>";
        String js = """
                (async function () {
                  var registry = new URL(location.href).searchParams.get('registry');
                  var read, write;
                  try { read = String((await fetch(registry + '/api/v1/search?q=calc')).status); } catch (e) { read = 'blocked'; }
                  try {
                    var r = await fetch(registry + '/api/v1/packages', { method: 'POST',
                        headers: { 'Authorization': 'Bearer admin-secret' }, body: new FormData() });
                    write = String(r.status);
                  } catch (e) { write = 'blocked'; }
                  var out = document.getElementById('out');
                  out.textContent = 'read=' + read + ' write=' + write;
                  out.setAttribute('data-done', '1');
                })();
                """;
        server.createContext("/", exchange -> {
            boolean script = exchange.getRequestURI().getPath().endsWith(".js");
            byte[] body = (script ? js : html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", script ? "text/javascript" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
