package dev.wharf.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.GovernanceEdge;
import dev.wharf.testing.JsonTexts;
import java.net.http.HttpResponse;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever JSON an admin sends as a token request, the node answers 201 with a token whose
 * fields were checked, or a 400 in the catalogue's shape that names the field at fault (or
 * says the JSON is malformed) — never a 5xx.
 */
class TokenRequestPropertiesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static GovernanceEdge edge;

    @BeforeContainer
    static void start() throws Throwable {
        edge = GovernanceEdge.start();
    }

    @AfterContainer
    static void stop() {
        edge.close();
    }

    @Property(tries = 200)
    void any_token_request_is_a_checked_token_or_a_400_naming_the_field(@ForAll("requests") String body) throws Exception {
        HttpResponse<String> answer = edge.post("/api/v1/admin/tokens", body);
        JsonNode json = JSON.readTree(answer.body());
        if (answer.statusCode() == 201) {
            assertThat(json.get("token").asText()).isNotBlank();
            assertThat(json.get("namespaces")).isNotEmpty().allSatisfy(n -> assertThat(n.isTextual() && !n.asText().isBlank()).isTrue());
            assertThat(json.get("scopes")).isNotEmpty().allSatisfy(s -> assertThat(s.asText()).isIn("publish", "yank", "admin"));
            return;
        }
        assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(400);
        assertThat(json.get("error").asText()).isEqualTo("bad_request");
        assertThat(json.get("message").asText()).as(body).containsAnyOf("name", "namespace", "scope", "expires_in_days", "JSON");
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> namespaces = JsonTexts.strings("alice", "*", "", " ", "Bad NS", "a:b").list().ofMaxSize(3)
                .map(l -> "[" + String.join(", ", l) + "]");
        Arbitrary<String> scopes = JsonTexts.strings("publish", "yank", "admin", "ADMIN ", "root", "").list().ofMaxSize(3)
                .map(l -> "[" + String.join(", ", l) + "]");
        Arbitrary<String> days = Arbitraries.oneOf(Arbitraries.integers().between(-5, 4000).map(Object::toString),
                Arbitraries.of("1.5", "\"30\"", "99999999999", "-0"));
        return JsonTexts.near(JsonTexts.objects(Map.of("name", JsonTexts.strings("ci for alice", "", " "),
                "namespaces", namespaces, "scopes", scopes, "expires_in_days", days)));
    }
}
