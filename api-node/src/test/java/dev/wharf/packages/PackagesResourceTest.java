package dev.wharf.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.InMemoryNode;
import dev.wharf.testing.RunProtocol;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A consumer reads what was published, through the HTTP edge alone (in-memory ports, no Kafka). */
@ExtendWith(DropwizardExtensionsSupport.class)
class PackagesResourceTest {

    static final InMemoryNode node = new InMemoryNode();
    static final DropwizardClientExtension http = node.http;

    @BeforeAll
    static void publish() throws Exception {
        RunProtocol run = node.run();
        for (String version : new String[] {"1.10.0", "1.2.0", "1.2.0-rc.1"}) {
            assertThat(run.publish(InMemoryNode.ADMIN_TOKEN, "example:calc", version, InMemoryNode.calculator()).status()).isEqualTo(201);
        }
    }

    @Test
    void versions_come_in_semver_order_and_names_sorted() throws Exception {
        RunProtocol run = node.run();
        assertThat(run.versions("example:calc").json().get("versions").toString()).isEqualTo("[\"1.2.0-rc.1\",\"1.2.0\",\"1.10.0\"]");
        assertThat(run.get("/packages").json().get("packages").toString()).isEqualTo("[\"example:calc\"]");
    }

    @Test
    void metadata_and_bytes_of_one_version() throws Exception {
        RunProtocol run = node.run();
        assertThat(run.meta("example:calc", "1.2.0").json().get("sha256").asText())
                .isEqualTo(RunProtocol.sha256(Files.readAllBytes(InMemoryNode.calculator())));
        assertThat(run.download("example:calc", "1.2.0").body()).isEqualTo(Files.readAllBytes(InMemoryNode.calculator()));
        RunProtocol.Answer partial = run.get("/packages/example%3Acalc/1.2.0/artifact.wasm", Map.of("Range", "bytes=0-7"));
        assertThat(partial.status()).isEqualTo(206);
        assertThat(partial.body()).hasSize(8);
    }

    @Test
    void what_cannot_exist_is_a_fast_404() throws Exception {
        RunProtocol run = node.run();
        for (String path : new String[] {"/api/v1/packages/example%3Acalc/9.9.9", "/api/v1/packages/NOT%20A%20NAME/versions",
                "/api/v1/packages/example%3Acalc/not-semver", "/packages/example%3Acalc/9.9.9/artifact.wasm"}) {
            RunProtocol.Answer answer = run.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().get("error").asText()).isEqualTo("not_found");
        }
    }
}
