package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.InMemoryNode;
import dev.wharf.testing.RunProtocol;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A publisher meets the HTTP edge: each refusal of the core becomes its status and JSON body,
 * in one place. The core runs on in-memory ports, so no Kafka is involved; the same stories
 * against the real engines are in PublishRulesTest and PublishThroughTheLogTest.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PublishResourceTest {

    static final InMemoryNode node = new InMemoryNode();
    static final io.dropwizard.testing.junit5.DropwizardClientExtension http = node.http;

    RunProtocol run() {
        return node.run();
    }

    @Test
    void a_publish_answers_201_with_the_metadata_the_run_client_reads() throws Exception {
        RunProtocol.Answer answer = run().publish(InMemoryNode.ALICE_TOKEN, "alice:calc", "1.0.0", InMemoryNode.calculator());

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().get("download_url").asText())
                .isEqualTo("http://registry.test/packages/alice%3Acalc/1.0.0/artifact.wasm");
        assertThat(answer.json().get("targets").toString()).isEqualTo("[\"wasm32-wasip2\"]");
        assertThat(run().versions("alice:calc").json().get("versions").toString()).isEqualTo("[\"1.0.0\"]");
    }

    @Test
    void each_refusal_has_its_status_and_a_json_body() throws Exception {
        run().publish(InMemoryNode.ALICE_TOKEN, "alice:twice", "1.0.0", InMemoryNode.calculator());

        expect(run().publish(InMemoryNode.ALICE_TOKEN, "alice:twice", "1.0.0", InMemoryNode.calculator()), 409, "conflict");
        expect(run().publish("wrong", "alice:calc", "2.0.0", InMemoryNode.calculator()), 401, "unauthorized");
        expect(run().publish(InMemoryNode.ALICE_TOKEN, "bob:calc", "1.0.0", InMemoryNode.calculator()), 403, "forbidden");
        expect(run().publish(InMemoryNode.ALICE_TOKEN, "alice:calc", "latest", InMemoryNode.calculator()), 400, "bad_request");
        expect(run().post("/api/v1/packages", InMemoryNode.ALICE_TOKEN, "application/json", "{}".getBytes()), 415, "unsupported_media_type");
        expect(run().get("/api/v1/packages/alice%3Anothing/versions"), 404, "not_found");
    }

    @Test
    void json_fields_holding_null_are_a_400_naming_the_field() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "alice:nulls");
        fields.put("version", "1.0.0");
        fields.put("targets", "[\"wasm32-wasip2\", null]");
        RunProtocol.Answer answer = run().publish(InMemoryNode.ALICE_TOKEN, fields, "component", "application/wasm",
                Files.readAllBytes(InMemoryNode.calculator()));

        expect(answer, 400, "bad_request");
        assertThat(answer.json().get("message").asText()).contains("targets");
    }

    @Test
    void the_status_of_a_publish_nobody_made_is_404() throws Exception {
        expect(run().get("/api/v1/publishes/" + UUID.randomUUID()), 404, "not_found");
        expect(run().get("/api/v1/publishes/not-an-id"), 400, "bad_request");
    }

    private static void expect(RunProtocol.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
        assertThat(answer.json().get("message").asText()).isNotBlank();
    }
}
