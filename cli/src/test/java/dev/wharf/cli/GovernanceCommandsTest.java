package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.client.ScriptedRegistry;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's session with the governance commands (issue 10) against a scripted registry that
 * answers with the API of the issue: what each command sends (method, path, JSON, token) and
 * what it prints, as text and with {@code --json}.
 */
class GovernanceCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScriptedRegistry registry = new ScriptedRegistry();
    private final Wharf admin;

    GovernanceCommandsTest() throws IOException {
        admin = new Wharf(Map.of("RUN_REGISTRY_URL", registry.url().toString(), "RUN_AUTH_TOKEN", "admin-secret"));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private ScriptedRegistry.Request last(String method, String path) {
        return registry.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).reduce((a, b) -> b).orElseThrow();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void create_list_and_revoke_a_token() throws IOException {
        registry.on("POST /api/v1/admin/tokens", 201, """
                {"id":"tok_7","token":"wharf_s3cr3t","name":"ci-alice","namespaces":["alice"],"scopes":["publish","yank"],
                 "expires_at":"2027-02-27T00:00:00Z","created_at":"2026-11-29T10:00:00Z"}""");
        registry.on("GET /api/v1/admin/tokens", 200, """
                {"tokens":[{"id":"tok_7","name":"ci-alice","namespaces":["alice"],"scopes":["publish","yank"],
                  "created_at":"2026-11-29T10:00:00Z","expires_at":"2027-02-27T00:00:00Z","revoked_at":null}]}""");
        registry.on("DELETE /api/v1/admin/tokens/tok_7", 204, "");

        Wharf.Result created = admin.run("token", "create", "ci-alice", "--namespace", "alice", "--scope", "publish", "--scope", "yank",
                "--expires-in-days", "90");

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).contains("Created token ci-alice (id tok_7)", "wharf_s3cr3t", "only time the secret is shown");
        ScriptedRegistry.Request sent = last("POST", "/api/v1/admin/tokens");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer admin-secret");
        assertThat(json(sent.text())).isEqualTo(json("""
                {"name":"ci-alice","namespaces":["alice"],"scopes":["publish","yank"],"expires_in_days":90}"""));

        Wharf.Result list = admin.run("token", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("ID", "NAMESPACES", "tok_7", "ci-alice", "publish,yank", "2027-02-27T00:00:00Z")
                .doesNotContain("wharf_s3cr3t");
        Wharf.Result listJson = admin.run("token", "list", "--json");
        assertThat(json(listJson.out()).get("tokens").get(0).get("scopes").toString()).isEqualTo("[\"publish\",\"yank\"]");

        Wharf.Result revoked = admin.run("token", "revoke", "tok_7", "--reason", "laptop lost", "--json");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(json(revoked.out()).get("revoked").asBoolean()).isTrue();
        assertThat(json(last("DELETE", "/api/v1/admin/tokens/tok_7").text()).get("reason").asText()).isEqualTo("laptop lost");
    }

    @Test
    void token_mistakes_are_refused_before_any_request() {
        Wharf.Result scope = admin.run("token", "create", "x", "--namespace", "alice", "--scope", "delete");
        assertThat(scope.exit()).isEqualTo(1);
        assertThat(scope.err()).isEqualTo("error: unknown scope 'delete'; the scopes are publish, yank and admin\n");

        Wharf.Result namespace = admin.run("token", "create", "x", "--namespace", "Alice");
        assertThat(namespace.err()).isEqualTo("error: --namespace Alice: namespace 'Alice' must be lower-case letters, digits and '-',"
                + " starting with a letter or digit\n");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void a_refused_token_is_one_sentence_with_the_registrys_reason() {
        registry.on("GET /api/v1/admin/tokens", 403, "{\"error\":\"forbidden\",\"message\":\"token ci-alice has no admin scope\"}");

        Wharf.Result list = admin.run("token", "list");

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("error: this token may not list tokens: token ci-alice has no admin scope\n");
        assertThat(new Wharf(Map.of("RUN_REGISTRY_URL", registry.url().toString())).run("audit").err())
                .startsWith("error: to read the audit trail wharf needs a token: pass --token, set RUN_AUTH_TOKEN");
    }

    @Test
    void yank_and_unyank_a_version() throws IOException {
        String yanked = "{\"name\":\"alice:json\",\"version\":\"1.2.3\",\"sha256\":\"00\",\"download_url\":\"x\",\"yanked\":true,\"yank_reason\":\"CVE-2026-1\",\"deprecated\":null}";
        registry.on("POST /api/v1/packages/alice%3Ajson/1.2.3/yank", 200, yanked);
        registry.on("DELETE /api/v1/packages/alice%3Ajson/1.2.3/yank", 200, yanked.replace("\"yanked\":true", "\"yanked\":false"));

        Wharf.Result yank = admin.run("yank", "alice:json@1.2.3", "--reason", "CVE-2026-1");

        assertThat(yank.exit()).as(yank.toString()).isZero();
        assertThat(yank.out()).contains("Yanked alice:json@1.2.3 (CVE-2026-1)");
        ScriptedRegistry.Request sent = last("POST", "/api/v1/packages/alice%3Ajson/1.2.3/yank");
        assertThat(json(sent.text()).get("reason").asText()).isEqualTo("CVE-2026-1");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer admin-secret");

        Wharf.Result json = admin.run("yank", "alice:json@1.2.3", "--reason", "CVE-2026-1", "--json");
        assertThat(json(json.out()).get("yank_reason").asText()).isEqualTo("CVE-2026-1");

        Wharf.Result unyank = admin.run("unyank", "alice:json@1.2.3");
        assertThat(unyank.exit()).as(unyank.toString()).isZero();
        assertThat(unyank.out()).contains("Restored alice:json@1.2.3");
        assertThat(json(admin.run("unyank", "alice:json@1.2.3", "--json").out()).get("yanked").asBoolean()).isFalse();

        assertThat(admin.run("yank", "alice:json@^1").err()).startsWith("error: in 'alice:json@^1': '^1' is not a semantic version");
        assertThat(admin.run("yank", "alice:json").err()).startsWith("error: 'alice:json' names no version");
    }

    @Test
    void deprecate_and_undo() throws IOException {
        registry.on("POST /api/v1/packages/alice%3Ajson/deprecate", 200, "{\"name\":\"alice:json\",\"deprecated\":\"use alice:json2 instead\"}");
        registry.on("DELETE /api/v1/packages/alice%3Ajson/deprecate", 204, "");

        Wharf.Result deprecate = admin.run("deprecate", "alice:json", "--message", "use alice:json2 instead");

        assertThat(deprecate.exit()).as(deprecate.toString()).isZero();
        assertThat(deprecate.out()).contains("Deprecated alice:json: use alice:json2 instead");
        assertThat(json(last("POST", "/api/v1/packages/alice%3Ajson/deprecate").text()).get("message").asText())
                .isEqualTo("use alice:json2 instead");

        Wharf.Result undo = admin.run("deprecate", "alice:json", "--undo", "--json");
        assertThat(undo.exit()).as(undo.toString()).isZero();
        assertThat(json(undo.out()).get("deprecated").isNull()).isTrue();
        assertThat(admin.run("deprecate", "alice:json").err()).startsWith("error: say why with --message");
    }

    @Test
    void audit_prints_the_entries_and_how_to_read_on() throws IOException {
        registry.on("GET /api/v1/admin/audit", 200, """
                {"entries":[
                  {"at":"2026-11-29T10:00:00Z","type":"TokenIssued","actor":{"token_id":"env:admin","token_name":"env:admin"},
                   "node":"node-a","package":null,"version":null,"detail":"issued token tok_7 'ci-alice' for namespaces [alice] with scopes [publish], never expires"},
                  {"at":"2026-11-29T10:01:00Z","type":"VersionYanked","actor":{"token_id":"tok_7","token_name":"ci-alice"},
                   "node":"node-b","package":"alice:json","version":"1.2.3","detail":"CVE-2026-1"}],
                 "next":"c42"}""");

        Wharf.Result audit = admin.run("audit", "--package", "alice:json", "--actor", "ci-alice", "--limit", "2", "--after", "c40");

        assertThat(audit.exit()).as(audit.toString()).isZero();
        assertThat(audit.out()).contains("TokenIssued", "env:admin", "node-a", "issued token tok_7 'ci-alice'",
                "VersionYanked", "alice:json@1.2.3", "ci-alice (tok_7)", "node-b", "CVE-2026-1",
                "More: wharf audit --after c42 --package alice:json --actor ci-alice");
        ScriptedRegistry.Request sent = last("GET", "/api/v1/admin/audit");
        assertThat(sent.query()).isEqualTo("limit=2&after=c40&package=alice%3Ajson&actor=ci-alice");

        JsonNode page = json(admin.run("audit", "--json").out());
        assertThat(page.get("next").asText()).isEqualTo("c42");
        assertThat(page.get("entries").get(1).get("actor").get("token_name").asText()).isEqualTo("ci-alice");
    }
}
