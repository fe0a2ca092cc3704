package dev.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpException;
import org.junit.jupiter.api.Test;

/** A trickling body is cut after its grace period; a body that has arrived never is, however late it is read. */
class SlowBodyCutoffTest {

    static final long SECOND = 1_000_000_000L;
    final AtomicLong now = new AtomicLong();
    final SlowBodyCutoff cutoff = new SlowBodyCutoff(2048, now::get);

    @Test
    void a_small_body_read_late_is_not_cut() throws Exception {
        ServletInputStream body = bodyOf(new byte[75], 75);
        now.addAndGet(60 * SECOND); // a stalled reader, a GC pause: the bytes are all here
        assertThat(body.readAllBytes()).hasSize(75);
    }

    @Test
    void a_body_trickling_below_the_rate_is_cut_once_its_grace_is_over() throws Exception {
        ServletInputStream body = bodyOf(new byte[100_000], 100_000);
        for (int second = 1; second <= 10; second++) {
            now.set(second * SECOND);
            body.read(); // one byte a second: tolerated for the first 10 s
        }
        now.set(11 * SECOND);
        assertThatThrownBy(body::read).isInstanceOfSatisfying(HttpException.RuntimeException.class,
                e -> assertThat(e.getCode()).isEqualTo(408));
    }

    @Test
    void a_body_at_a_healthy_rate_is_read_to_its_end() throws Exception {
        ServletInputStream body = bodyOf(new byte[300_000], 300_000);
        byte[] chunk = new byte[30_000];
        for (int second = 1; second <= 10; second++) {
            now.set(second * 2 * SECOND); // 15 KB/s for 20 s
            assertThat(body.read(chunk)).isEqualTo(chunk.length);
        }
        assertThat(body.read()).isEqualTo(-1);
    }

    @Test
    void a_chunked_body_of_unknown_length_is_judged_by_its_rate_alone() throws Exception {
        ServletInputStream body = bodyOf(new byte[10], -1);
        now.set(5 * SECOND);
        assertThat(body.read(new byte[4])).isEqualTo(4);
        now.set(20 * SECOND);
        assertThatThrownBy(() -> body.read(new byte[4])).isInstanceOf(HttpException.RuntimeException.class);
    }

    @Test
    void a_request_without_a_body_is_passed_on_as_it_is() throws Exception {
        HttpServletRequest get = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> method.getName().equals("getContentLengthLong") ? -1L : null);
        AtomicReference<ServletRequest> seen = new AtomicReference<>();
        cutoff.doFilter(get, null, (req, res) -> seen.set(req));
        assertThat(seen.get()).isSameAs(get);
    }

    private ServletInputStream bodyOf(byte[] bytes, long declared) throws Exception {
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        ServletInputStream raw = new ServletInputStream() {
            @Override public int read() { return source.read(); }
            @Override public int read(byte[] b, int off, int len) { return source.read(b, off, len); }
            @Override public boolean isFinished() { return source.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener listener) {}
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInputStream" -> raw;
                    case "getContentLengthLong" -> declared;
                    case "getHeader" -> "Transfer-Encoding".equals(args[0]) && declared < 0 ? "chunked" : null;
                    default -> null;
                });
        AtomicReference<ServletRequest> seen = new AtomicReference<>();
        cutoff.doFilter(request, null, (req, res) -> seen.set(req));
        assertThat(seen.get()).isInstanceOf(HttpServletRequestWrapper.class);
        return seen.get().getInputStream();
    }
}
