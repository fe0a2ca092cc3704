package dev.wharf.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.wharf.testing.LogCapture;
import jakarta.ws.rs.core.Response;
import java.util.List;
import dev.wharf.wire.ErrorBody;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

/** A bug is a 500 the log can find; a client that left is one short WARN; neither is a 503. */
class ErrorMappersTest {

    @Test
    void an_unexpected_exception_is_a_500_whose_error_id_is_in_one_error_line_with_the_stack_trace() {
        try (LogCapture log = LogCapture.attach()) {
            Response r = new ErrorMappers.UnexpectedMapper().toResponse(new IllegalStateException("a bug"));
            assertThat(r.getStatus()).isEqualTo(500);
            ErrorBody body = (ErrorBody) r.getEntity();
            assertThat(body.error()).isEqualTo("internal");
            assertThat(body.message()).isNotBlank();
            String id = body.errorId();
            List<ILoggingEvent> lines = log.events().stream().filter(e -> e.getFormattedMessage().contains(id)).toList();
            assertThat(lines).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug");
            });
        }
    }

    @Test
    void a_client_that_disconnects_is_one_short_warn_without_a_stack_trace() {
        try (LogCapture log = LogCapture.attach()) {
            Response r = new ErrorMappers.UnexpectedMapper().toResponse(new RuntimeException(new EofException("reset " + "9".repeat(5000))));
            assertThat(r.getStatus()).isBetween(400, 499);
            assertThat(log.events()).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getThrowableProxy()).isNull();
                assertThat(e.getFormattedMessage().length()).isLessThan(300);
            });
        }
    }

    @Test
    void a_framework_5xx_is_a_500_with_an_id_not_a_503() {
        Response r = new ErrorMappers.WebApplicationMapper().toResponse(new jakarta.ws.rs.InternalServerErrorException());
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(ApiError.unavailable("kafka is down").getResponse().getStatus()).isEqualTo(503);
    }

    @Test
    void log_safe_text_is_one_bounded_line() {
        assertThat(LogSafe.clip("a\r\nb" + "9".repeat(5000))).startsWith("a??b").hasSizeLessThan(200).doesNotContain("\n");
    }
}
