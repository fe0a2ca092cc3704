package dev.wharf.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A person uses the browse pages in a real headless Chromium: searches from the box, pages
 * through results, opens a package, copies its install line; a publisher's HTML stays text.
 * Screenshots of the front page and a package page, desktop and phone, go to
 * target/screenshots.
 */
class BrowseInChromiumTest {

    static final String EVIL = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> & <b>bold</b> claims";

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;
    static HeadlessChromium chromium;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        run = registry.run();
        base = registry.url().toString();
        publish("acme:http-router", "0.9.0", "Request router for wasi:http handlers", "https://github.com/acme/http-router");
        publish("acme:http-router", "1.0.0", "Fast request router with path parameters and middleware, for wasi:http handlers",
                "https://github.com/acme/http-router");
        publish("acme:json", "2.0.0", "Encode and decode JSON values with a small API", "https://github.com/acme/json");
        publish("data:sqlite", "3.45.0", "SQLite database engine compiled to a component with a file system backend", null);
        publish("text:markdown", "1.0.0", "Render Markdown to HTML, CommonMark compliant with tables and footnotes", null);
        publish("tiny:uuid", "1.0.0", "Generate UUID v4 and v7 identifiers", "https://github.com/tiny/uuid");
        publish("evil:widget", "1.0.0", EVIL, null);
        for (int i = 1; i <= 23; i++) {
            publish(String.format("parts:widget-%02d", i), "1.0.%d".formatted(i), "Widget number " + i + " for dashboards", null);
        }
        for (int i = 0; i < 3; i++) run.download("acme:http-router", "1.0.0");
        run.download("tiny:uuid", "1.0.0");
        var stats = Eventually.await(Duration.ofSeconds(20), () -> run.get("/api/v1/stats").json(),
                s -> s.get("top_packages").size() == 2 && s.get("download_count").asLong() == 4);
        assertThat(stats.get("top_packages").get(0).get("name").asText()).isEqualTo("acme:http-router");
        chromium = new HeadlessChromium();
    }

    static void publish(String name, String version, String description, String repository) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("version", version);
        fields.put("description", description);
        fields.put("license", "Apache-2.0");
        if (repository != null) fields.put("repository", repository);
        byte[] bytes = Files.readAllBytes(Fixtures.component("component/example-calculator-1.1.0.wasm"));
        RunProtocol.Answer answer = run.publish("admin-secret", fields, "component", "application/wasm", bytes);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) chromium.close(); // the registry stops after this, with the class
    }

    List<String> resultNames() {
        return chromium.driver.findElements(By.cssSelector("article.pkg h2 a")).stream().map(WebElement::getText).toList();
    }

    @Test
    void a_person_searches_from_the_box_and_pages_through_the_results() {
        chromium.viewport(false);
        chromium.driver.get(base + "/browse");
        WebElement box = chromium.driver.findElement(By.id("q"));
        box.sendKeys("widget", Keys.ENTER);
        chromium.waiting().until(ExpectedConditions.urlContains("q=widget"));
        assertThat(chromium.driver.findElement(By.id("result-count")).getText()).startsWith("24 matching packages");
        List<String> first = resultNames();
        assertThat(first).hasSize(20).contains("evil:widget");

        chromium.driver.findElement(By.cssSelector("nav.pages a[rel=next]")).click();
        chromium.waiting().until(ExpectedConditions.urlContains("page=2"));
        List<String> second = resultNames();
        assertThat(second).hasSize(4).doesNotContainAnyElementsOf(first);
        assertThat(chromium.driver.findElement(By.cssSelector("nav.pages .current")).getText()).isEqualTo("2");
        assertThat(chromium.driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("widget");

        chromium.driver.findElement(By.cssSelector("nav.pages a[rel=prev]")).click();
        chromium.waiting().until(ExpectedConditions.urlContains("page=1"));
        assertThat(resultNames()).isEqualTo(first);
    }

    @Test
    void a_person_opens_a_package_and_copies_its_install_line() {
        chromium.viewport(false);
        chromium.driver.get(base + "/browse");
        chromium.driver.findElement(By.id("q")).sendKeys("http router", Keys.ENTER);
        chromium.waiting().until(ExpectedConditions.urlContains("q=http"));
        assertThat(resultNames().getFirst()).isEqualTo("acme:http-router");
        chromium.driver.findElement(By.linkText("acme:http-router")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("install-line")));

        assertThat(chromium.driver.findElement(By.id("install-line")).getText()).isEqualTo("run v2 install acme:http-router@1.0.0");
        assertThat(chromium.driver.findElements(By.cssSelector("table.versions tbody tr.version-row"))).hasSize(2);
        assertThat(chromium.driver.findElement(By.id("downloads")).getText()).isEqualTo("3");
        assertThat(chromium.driver.findElement(By.linkText("https://github.com/acme/http-router")).getAttribute("href"))
                .isEqualTo("https://github.com/acme/http-router");

        chromium.grantClipboard(base);
        chromium.driver.executeScript("return navigator.clipboard.writeText('something else')");
        WebElement copy = chromium.driver.findElement(By.cssSelector("button.copy"));
        copy.click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        Object clipboard = chromium.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e));");
        assertThat(clipboard).isEqualTo("run v2 install acme:http-router@1.0.0");
    }

    @Test
    void a_description_full_of_html_and_script_stays_inert_text() {
        chromium.viewport(false);
        chromium.driver.get(base + "/browse/evil%3Awidget");
        WebElement description = chromium.driver.findElement(By.id("description"));
        assertThat(description.getAttribute("textContent")).isEqualTo(EVIL);
        assertThat(description.findElements(By.xpath("./*"))).isEmpty();
        assertThat(chromium.driver.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        assertThat(chromium.driver.findElements(By.cssSelector("a[href^='javascript:']"))).isEmpty();
        assertNoAlert();

        chromium.driver.get(base + "/browse?q=" + RunProtocol.encode("claims"));
        assertThat(resultNames()).containsExactly("evil:widget");
        assertThat(chromium.driver.findElement(By.cssSelector("article.pkg .desc")).getAttribute("textContent")).isEqualTo(EVIL);
        assertThat(chromium.driver.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        assertNoAlert();
    }

    @Test
    void the_front_page_and_a_package_page_fit_desktop_and_phone_screens() throws Exception {
        for (boolean phone : List.of(false, true)) {
            String width = phone ? "phone" : "desktop";
            chromium.viewport(phone);
            chromium.driver.get(base + "/browse");
            assertThat(chromium.driver.findElement(By.cssSelector("#top-packages li a")).getText()).isEqualTo("acme:http-router");
            assertThat(chromium.driver.findElements(By.cssSelector("#newest li"))).hasSize(10);
            assertThat(chromium.driver.findElement(By.id("namespaces")).getText()).contains("parts").contains("23 packages");
            assertFitsWidth();
            assertPng(chromium.screenshot("front-page-" + width));

            chromium.driver.get(base + "/browse/acme%3Ahttp-router");
            assertFitsWidth();
            assertPng(chromium.screenshot("package-page-" + width));
        }
        chromium.viewport(false);
    }

    private static void assertFitsWidth() {
        Object overflow = chromium.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
    }

    private static void assertPng(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(5_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static void assertNoAlert() {
        try {
            chromium.driver.switchTo().alert();
            throw new AssertionError("a script opened an alert");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
