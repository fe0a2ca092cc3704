package dev.wharf.publish;

import dev.wharf.registry.PublishForm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.domain.Refusal;
import dev.wharf.errors.ErrorMappers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever body a client sends as a publish form, the spool answers with a form or a 4xx
 * refusal, and a refused upload leaves nothing in the spool.
 */
class MultipartPropertiesTest {

    static Path dir;
    static UploadSpool spool;

    @BeforeContainer
    static void spool() throws Exception {
        dir = Files.createTempDirectory("spool-props-");
        spool = new UploadSpool(dir, 64 * 1024);
    }

    @AfterContainer
    static void remove() throws Exception {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }

    @Property(tries = 1500)
    void any_body_is_a_form_or_a_4xx_and_refusals_leave_no_file(@ForAll("bodies") byte[] body) throws Exception {
        try {
            PublishForm form = spool.receive("multipart/form-data; boundary=XX", body.length, new ByteArrayInputStream(body));
            assertThat(form.file()).exists();
            UploadSpool.deleteQuietly(form.file());
        } catch (Refusal refused) {
            assertThat(new ErrorMappers.RefusalMapper().toResponse(refused).getStatus()).isBetween(400, 499);
        }
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> disposition = Arbitraries.oneOf(
                Arbitraries.of("form-data; name=\"name\"", "form-data; name=\"component\"; filename=\"c.wasm\"", "form-data",
                        "form-data; name=", "attachment; name=\"x\"", "form-data; name=\"artifact\"; filename*=UTF-8''%ff"),
                Arbitraries.strings().ofMaxLength(60));
        Arbitrary<String> part = net.jqwik.api.Combinators.combine(disposition,
                        Arbitraries.of("", "Content-Type: application/wasm\r\n", "Content-Type: text/plain; charset=x\r\n",
                                "Content-Type: ;;;\r\n", "Content-Transfer-Encoding: base64\r\n"),
                        Arbitraries.strings().ofMaxLength(300))
                .as((d, headers, value) -> "--XX\r\nContent-Disposition: " + d + "\r\n" + headers + "\r\n" + value + "\r\n");
        Arbitrary<String> form = part.list().ofMaxSize(6).map(parts -> String.join("", parts) + "--XX--\r\n");
        return Arbitraries.oneOf(form.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                form.map(s -> s.getBytes(StandardCharsets.UTF_8)).map(b -> java.util.Arrays.copyOf(b, b.length / 2)));
    }
}
