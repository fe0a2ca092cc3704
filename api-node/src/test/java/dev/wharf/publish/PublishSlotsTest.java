package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.errors.ApiError;
import org.junit.jupiter.api.Test;

/** Past the caps a publish is refused at once with Retry-After, and a finished publish frees its slot. */
class PublishSlotsTest {

    @Test
    void a_token_past_its_cap_gets_429_with_retry_after() {
        PublishSlots slots = new PublishSlots(10, 2);
        PublishSlots.Slot a = slots.take("ns");
        slots.take("ns");
        ApiError refused = catchThrowableOfType(ApiError.class, () -> slots.take("ns"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(slots.take("other")).isNotNull();
        a.close();
        assertThat(slots.take("ns")).isNotNull();
    }

    @Test
    void a_full_node_gets_503_with_retry_after_and_the_token_keeps_its_slot() {
        PublishSlots slots = new PublishSlots(2, 2);
        slots.take("a");
        PublishSlots.Slot b = slots.take("b");
        ApiError refused = catchThrowableOfType(ApiError.class, () -> slots.take("c"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getHeaderString("Retry-After")).isEqualTo("5");
        b.close();
        assertThat(slots.take("c")).isNotNull();
    }
}
