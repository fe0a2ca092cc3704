package dev.wharf.publish;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wharf.domain.Refusal;
import dev.wharf.errors.ErrorMappers;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the multipart reader with Jazzer: any Content-Type and body is a
 * form or a 4xx refusal. {@code mvn verify} replays {@code UploadSpoolFuzzTestInputs/}
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes.
 */
class UploadSpoolFuzzTest {

    private static UploadSpool spool;

    @FuzzTest(maxDuration = "5m")
    void any_form_is_read_or_refused_with_a_4xx(FuzzedDataProvider data) throws Exception {
        if (spool == null) spool = new UploadSpool(Files.createTempDirectory("spool-fuzz-"), 64 * 1024);
        String contentType = data.consumeString(120);
        byte[] body = data.consumeRemainingAsBytes();
        try {
            Path file = spool.receive(contentType, body.length, new ByteArrayInputStream(body)).file();
            UploadSpool.deleteQuietly(file);
        } catch (Refusal refused) {
            // The status the HTTP edge answers it with (its one mapping of refusals).
            if (new ErrorMappers.RefusalMapper().toResponse(refused).getStatus() >= 500) throw refused;
        }
    }
}
