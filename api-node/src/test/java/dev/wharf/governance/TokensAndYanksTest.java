package dev.wharf.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.GovernanceCalls;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An admin hands out tokens and takes them back; a maintainer yanks a bad release and deprecates a package. */
class TokensAndYanksTest {

    static final String ADMIN = StandaloneRegistry.ADMIN_TOKEN;

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;
    static GovernanceCalls gov;
    static Path component;

    @BeforeAll
    static void start() throws Exception {
        run = registry.run();
        gov = new GovernanceCalls(registry.url());
        component = Fixtures.component("component/example-calculator-1.0.0.wasm");
    }

    static RunProtocol.Answer publish(String token, String name, String version, String description) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("version", version);
        fields.put("description", description);
        return run.publish(token, fields, "component", "application/wasm", Files.readAllBytes(component));
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static boolean isYankedParser(JsonNode v) {
        return v.get("name").asText().equals("dave:parser") && v.get("version").asText().equals("1.1.0");
    }

    @Test
    void an_issued_token_publishes_in_its_namespace_only_until_it_is_revoked() throws Exception {
        RunProtocol.Answer issued = gov.issueToken(ADMIN, "ci for alice", List.of("alice"), List.of("publish"), 90);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        JsonNode token = issued.json();
        assertThat(token.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "token", "name", "namespaces", "scopes", "expires_at", "created_at");
        String secret = token.get("token").asText();
        assertThat(secret).startsWith("wharf_").hasSizeGreaterThan(40);
        assertThat(texts(token.get("namespaces"))).containsExactly("alice");
        assertThat(texts(token.get("scopes"))).containsExactly("publish");

        assertThat(publish(secret, "alice:calc", "1.0.0", "a calculator").status()).isEqualTo(201);
        RunProtocol.Answer elsewhere = publish(secret, "bob:calc", "1.0.0", "not alice's");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.json().get("message").asText()).contains("acts only in namespace 'alice', not 'bob'");
        assertThat(run.versions("bob:calc").status()).isEqualTo(404);

        RunProtocol.Answer listed = gov.tokens(ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(secret).contains(token.get("id").asText()).contains("ci for alice");

        assertThat(gov.revoke(ADMIN, token.get("id").asText()).status()).isEqualTo(204);
        RunProtocol.Answer revoked = publish(secret, "alice:calc", "1.1.0", "after revocation");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("message").asText()).contains("was revoked on").contains("leaked in a test");
        assertThat(revoked.text()).doesNotContain(secret);
        assertThat(texts(run.versions("alice:calc").json().get("versions"))).containsExactly("1.0.0");
        JsonNode after = gov.tokens(ADMIN).json().get("tokens");
        JsonNode mine = StreamSupport.stream(after.spliterator(), false)
                .filter(t -> t.get("id").asText().equals(token.get("id").asText())).findFirst().orElseThrow();
        assertThat(mine.get("revoked_at").isNull()).isFalse();
    }

    @Test
    void a_token_without_the_needed_scope_is_refused_with_a_sentence_and_changes_nothing() throws Exception {
        assertThat(publish(ADMIN, "carol:lib", "1.0.0", "carol's library").status()).isEqualTo(201);
        String yankOnly = gov.issueToken(ADMIN, "yanker", List.of("carol"), List.of("yank"), null).json().get("token").asText();
        RunProtocol.Answer publish = publish(yankOnly, "carol:lib", "1.1.0", "should not land");
        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().get("message").asText()).contains("has no publish scope");
        assertThat(texts(run.versions("carol:lib").json().get("versions"))).containsExactly("1.0.0");

        RunProtocol.Answer issue = gov.issueToken(yankOnly, "escalation", List.of("*"), List.of("admin"), null);
        assertThat(issue.status()).isEqualTo(403);
        assertThat(issue.json().get("message").asText()).contains("has no admin scope");
        assertThat(gov.audit(yankOnly, null).status()).isEqualTo(403);
        assertThat(gov.tokens("not-a-token").status()).isEqualTo(401);

        RunProtocol.Answer bad = gov.issueToken(ADMIN, "bad", List.of("carol"), List.of("launch"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("'launch' is not one of publish, yank, admin");
    }

    @Test
    void a_yanked_version_stays_downloadable_but_is_no_longer_offered_until_it_is_unyanked() throws Exception {
        assertThat(publish(ADMIN, "dave:parser", "1.0.0", "parses things").status()).isEqualTo(201);
        assertThat(publish(ADMIN, "dave:parser", "1.1.0", "parses things, badly").status()).isEqualTo(201);
        String maintainer = gov.issueToken(ADMIN, "dave", List.of("dave"), List.of("yank"), 30).json().get("token").asText();

        RunProtocol.Answer yanked = gov.yank(maintainer, "dave:parser", "1.1.0", "corrupts input over 4 GB");
        assertThat(yanked.status()).as(yanked.text()).isEqualTo(200);
        assertThat(yanked.json().get("version").asText()).isEqualTo("1.1.0");
        assertThat(yanked.json().get("yanked").asBoolean()).isTrue();
        assertThat(yanked.json().get("yank_reason").asText()).isEqualTo("corrupts input over 4 GB");

        // What Run resolves against leaves it out; a lock pinning it still reads and downloads it.
        JsonNode versions = run.versions("dave:parser").json();
        assertThat(versions.fieldNames()).toIterable().containsExactly("name", "versions");
        assertThat(texts(versions.get("versions"))).containsExactly("1.0.0");
        JsonNode all = run.get("/api/v1/packages/dave%3Aparser/versions?include_yanked=true").json();
        assertThat(texts(all.get("versions"))).containsExactly("1.0.0", "1.1.0");
        assertThat(texts(all.get("yanked"))).containsExactly("1.1.0");
        assertThat(run.meta("dave:parser", "1.1.0").json().get("yanked").asBoolean()).isTrue();
        assertThat(run.meta("dave:parser", "1.0.0").json().get("yanked").asBoolean()).isFalse();
        assertThat(run.download("dave:parser", "1.1.0").status()).isEqualTo(200);

        JsonNode hit = run.search("dave:parser").json().get("packages").get(0);
        assertThat(hit.get("version").asText()).isEqualTo("1.0.0");
        assertThat(hit.get("yanked").asBoolean()).isFalse();
        String page = run.get("/browse/dave%3Aparser").text();
        assertThat(page).contains("<s>").contains("corrupts input over 4 GB");
        // The stats lists are cached for a few seconds; the yanked version leaves "newest versions" when they refresh.
        JsonNode newest = Eventually.await(Duration.ofSeconds(15), () -> run.get("/api/v1/stats").json().get("newest_versions"),
                list -> StreamSupport.stream(list.spliterator(), false).noneMatch(TokensAndYanksTest::isYankedParser));
        assertThat(newest).noneMatch(TokensAndYanksTest::isYankedParser);

        RunProtocol.Answer again = publish(ADMIN, "dave:parser", "1.1.0", "a second try");
        assertThat(again.status()).as("a version is never re-publishable, yanked or not").isEqualTo(409);

        RunProtocol.Answer otherNamespace = gov.yank(maintainer, "alice:calc", "1.0.0", "not mine");
        assertThat(otherNamespace.status()).isIn(403, 404);

        RunProtocol.Answer unyanked = gov.unyank(maintainer, "dave:parser", "1.1.0");
        assertThat(unyanked.status()).isEqualTo(200);
        assertThat(unyanked.json().get("yanked").asBoolean()).isFalse();
        assertThat(texts(run.versions("dave:parser").json().get("versions"))).containsExactly("1.0.0", "1.1.0");
        assertThat(run.search("dave:parser").json().get("packages").get(0).get("version").asText()).isEqualTo("1.1.0");
        assertThat(run.get("/browse/dave%3Aparser").text()).doesNotContain("<s>");
    }

    @Test
    void a_deprecated_package_says_so_and_ranks_below_a_live_one() throws Exception {
        assertThat(publish(ADMIN, "old:yaml-reader", "1.0.0", "Reads YAML documents").status()).isEqualTo(201);
        assertThat(publish(ADMIN, "new:yaml-reader", "1.0.0", "Reads YAML documents").status()).isEqualTo(201);

        RunProtocol.Answer deprecated = gov.deprecate(ADMIN, "old:yaml-reader", "use new:yaml-reader instead");
        assertThat(deprecated.status()).as(deprecated.text()).isEqualTo(200);
        assertThat(deprecated.json().get("deprecated").asText()).isEqualTo("use new:yaml-reader instead");
        assertThat(run.meta("old:yaml-reader", "1.0.0").json().get("deprecated").asText()).isEqualTo("use new:yaml-reader instead");
        assertThat(run.meta("new:yaml-reader", "1.0.0").json().get("deprecated").isNull()).isTrue();

        JsonNode hits = run.search("yaml reader").json().get("packages");
        assertThat(hits.get(0).get("name").asText()).isEqualTo("new:yaml-reader");
        assertThat(hits.get(1).get("name").asText()).isEqualTo("old:yaml-reader");
        assertThat(hits.get(1).get("deprecated").asText()).isEqualTo("use new:yaml-reader instead");
        assertThat(run.get("/browse/old%3Ayaml-reader").text()).contains("Deprecated:").contains("use new:yaml-reader instead");

        assertThat(gov.undeprecate(ADMIN, "old:yaml-reader").status()).isEqualTo(200);
        assertThat(run.meta("old:yaml-reader", "1.0.0").json().get("deprecated").isNull()).isTrue();
        long undeprecated = Eventually.await(Duration.ofSeconds(5),
                () -> run.search("old:yaml-reader").json().get("packages").get(0).get("deprecated").isNull() ? 1L : 0L, n -> n == 1);
        assertThat(undeprecated).isEqualTo(1);
    }
}
