package dev.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes Jetty's DEBUG lines quote a token in (found by TokensNeverLoggedTest). */
class AuthorizationRedactionTest {

    final AuthorizationRedaction redaction = new AuthorizationRedaction(List.of("configured-token-1234"));

    @Test
    void header_lines_field_dumps_and_buffer_dumps_lose_the_token() {
        assertThat(redaction.redact("Authorization: Bearer abc.def\r\nHost: x")).isEqualTo("Authorization: [redacted]\r\nHost: x");
        assertThat(redaction.redact("parsedHeader(Authorization: Bearer s, headerString=[Authorization], valueString=[Bearer stranger-5c6d])"))
                .doesNotContain("stranger-5c6d").doesNotContain("Bearer s,");
        assertThat(redaction.redact("filled 246 b={<<<GET /health HTTP/1.1\\r\\nCon...ranger-token-5c6d7e\\r\\n\\r\\n>>>Bearer ad...\\x00}"))
                .doesNotContain("ranger-token").doesNotContain("Bearer ad");
        assertThat(redaction.redact("token configured-token-1234 seen")).isEqualTo("token [redacted] seen");
    }
}
