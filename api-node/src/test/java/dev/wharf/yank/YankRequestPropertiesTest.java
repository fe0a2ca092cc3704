package dev.wharf.yank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.GovernanceEdge;
import dev.wharf.testing.JsonTexts;
import java.net.http.HttpResponse;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever JSON comes with a yank or a deprecation, the node takes the change (200, or 202
 * while its verdict is pending) or answers a 400 in the catalogue's shape naming the field (or
 * saying the JSON is malformed) — never a 5xx.
 */
class YankRequestPropertiesTest {

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

    @Property(tries = 150)
    void any_yank_body_is_taken_or_a_400_naming_reason(@ForAll("yanks") String body) throws Exception {
        answered(edge.post("/api/v1/packages/example%3Acalc/1.0.0/yank", body), body, "reason");
    }

    @Property(tries = 150)
    void any_deprecation_body_is_taken_or_a_400_naming_message(@ForAll("deprecations") String body) throws Exception {
        answered(edge.post("/api/v1/packages/example%3Acalc/deprecate", body), body, "message");
    }

    static void answered(HttpResponse<String> answer, String body, String field) throws Exception {
        JsonNode json = JSON.readTree(answer.body());
        if (answer.statusCode() == 200 || answer.statusCode() == 202) return;
        assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(400);
        assertThat(json.get("error").asText()).isEqualTo("bad_request");
        assertThat(json.get("message").asText()).as(body).containsAnyOf(field, "JSON");
    }

    @Provide
    Arbitrary<String> yanks() {
        return JsonTexts.near(JsonTexts.objects(Map.of("reason", JsonTexts.strings("security hole", "", " "))));
    }

    @Provide
    Arbitrary<String> deprecations() {
        return JsonTexts.near(JsonTexts.objects(Map.of("message", JsonTexts.strings("use example:calc2", "", " "))));
    }
}
