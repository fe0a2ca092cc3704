package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.domain.Refusal;
import dev.wharf.errors.ErrorMappers;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The publish form's Content-Type, checked before the body is read (issue 14: charset=x was a 503). */
class FormContentTypeTest {

    @Test
    void the_run_client_form_is_accepted() {
        assertThat(FormContentType.parse("multipart/form-data; boundary=XX").boundary()).isEqualTo("XX");
        assertThat(FormContentType.parse("Multipart/Form-Data; charset=UTF-8; boundary=\"a b'()+_,-./:=?\"").boundary()).isEqualTo("a b'()+_,-./:=?");
    }

    @Test
    void an_unknown_charset_is_415() {
        assertThat(status("multipart/form-data; boundary=XX; charset=x")).isEqualTo(415);
        assertThat(status("multipart/form-data; boundary=XX; charset=utf-16")).isEqualTo(415);
    }

    @Test
    void odd_types_are_415_and_odd_boundaries_400() {
        assertThat(status(null)).isEqualTo(415);
        assertThat(status("application/json")).isEqualTo(415);
        assertThat(status("multipart/mixed; boundary=XX")).isEqualTo(415);
        assertThat(status("multipart/form-data")).isEqualTo(400);
        assertThat(status("multipart/form-data; boundary=")).isEqualTo(400);
        assertThat(status("multipart/form-data; boundary=" + "b".repeat(71))).isEqualTo(400);
        assertThat(status("multipart/form-data; boundary=XX; boundary=YY")).isEqualTo(400);
        assertThat(status("multipart/form-data; boundary=a\u0000b")).isEqualTo(400);
        assertThat(status("multipart/form-data; =")).isEqualTo(400);
    }

    @Property(tries = 3000)
    void any_header_is_accepted_or_refused_with_a_4xx(@ForAll String header) {
        try {
            assertThat(FormContentType.parse(header).boundary()).isNotEmpty().hasSizeLessThanOrEqualTo(70);
        } catch (Refusal refused) {
            assertThat(new ErrorMappers.RefusalMapper().toResponse(refused).getStatus()).isIn(400, 415);
        }
    }

    @Property(tries = 1000)
    void any_parameters_after_the_type_are_accepted_or_refused_with_a_4xx(@ForAll String parameters) {
        any_header_is_accepted_or_refused_with_a_4xx("multipart/form-data; " + parameters);
    }

    private static int status(String header) {
        Refusal e = catchThrowableOfType(Refusal.class, () -> FormContentType.parse(header));
        return e == null ? 200 : new ErrorMappers.RefusalMapper().toResponse(e).getStatus();
    }
}
