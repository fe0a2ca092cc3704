package dev.wharf.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.PatternLayout;
import ch.qos.logback.classic.LoggerContext;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** ops/fuzz found 10,167-character access lines: the client's text in a request-log line is cut short. */
class AccessTextLayoutTest {

    @Test
    void the_request_line_and_client_headers_are_cut_in_the_access_log() {
        PatternLayout layout = (PatternLayout) new AccessTextLayout().build(new LoggerContext(), TimeZone.getTimeZone("UTC"));
        assertThat(layout.getPattern()).contains("\"%.-256r\"", "\"%.-128i{Referer}\"", "\"%.-128i{User-Agent}\"")
                .startsWith("%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}]");
    }
}
