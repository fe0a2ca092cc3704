package dev.wharf.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** X-Forwarded-For names the client only on a connection from a trusted proxy, and never by its forgeable left end. */
class TrustedProxiesTest {

    @Test
    void the_header_is_ignored_unless_the_connection_comes_from_a_trusted_proxy() {
        assertThat(TrustedProxies.none().client("198.51.100.7", "203.0.113.5")).isEqualTo("198.51.100.7");
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.1, ::1");
        assertThat(proxies.client("198.51.100.7", "203.0.113.5")).isEqualTo("198.51.100.7");
        assertThat(proxies.client("10.1.2.3", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("0:0:0:0:0:0:0:1", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("10.1.2.3", null)).isEqualTo("10.1.2.3");
    }

    @Test
    void the_client_is_the_rightmost_address_that_is_not_a_trusted_proxy() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8,192.168.1.1");
        // The client claims to be 1.1.1.1; the first proxy saw 203.0.113.5; an inner proxy added itself.
        assertThat(proxies.client("10.0.0.2", "1.1.1.1, 203.0.113.5, 192.168.1.1")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("10.0.0.2", "10.9.9.9, 192.168.1.1")).isEqualTo("10.9.9.9");
    }

    @Test
    void a_malformed_entry_stops_the_node_with_its_text() {
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/40")).hasMessageContaining("10.0.0.0/40");
    }
}
