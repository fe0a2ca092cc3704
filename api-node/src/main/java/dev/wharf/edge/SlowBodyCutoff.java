package dev.wharf.edge;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpException;

/**
 * Cuts a request body that trickles in: once a body has been read for {@link #GRACE_NANOS},
 * a read that finds fewer than {@code bytesPerSecond} × elapsed bytes received answers 408
 * (issue 14: 1,100 one-byte-per-5-s publish bodies held every thread).
 *
 * <p>Jetty's own {@code minRequestDataPerSecond} does this from the first byte, and on every
 * read, including the one that finds the end of a body already received: a 75-byte body read
 * 37 ms after its first byte (a GC pause, a loaded machine) got 408 at 2 KiB/s. Here a body
 * gets a grace period first, and a body whose declared length has arrived is never cut.
 */
public final class SlowBodyCutoff implements Filter {

    /** Bodies get this long before the rate is checked: 2 KiB/s over 10 s is 20 KiB, larger than most forms. */
    static final long GRACE_NANOS = 10_000_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier clock;

    public SlowBodyCutoff(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime);
    }

    SlowBodyCutoff(long bytesPerSecond, LongSupplier clock) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (bytesPerSecond <= 0 || !(request instanceof HttpServletRequest http) || withoutBody(http)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            private ServletInputStream body;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (body == null) body = new Timed(http.getInputStream(), http.getContentLengthLong(), clock.getAsLong());
                return body;
            }
        }, response);
    }

    private static boolean withoutBody(HttpServletRequest request) {
        return request.getContentLengthLong() == 0 || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null);
    }

    /** The request's body stream, checking the rate after each read. */
    private final class Timed extends ServletInputStream {
        private final ServletInputStream in;
        private final long declared;
        private final long started;
        private long received;

        Timed(ServletInputStream in, long declared, long started) {
            this.in = in;
            this.declared = declared;
            this.started = started;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            counted(n);
            return n;
        }

        private void counted(int n) {
            if (n > 0) received += n;
            if (n < 0 || (declared >= 0 && received >= declared)) return; // the whole body is here
            long elapsed = clock.getAsLong() - started;
            if (elapsed > GRACE_NANOS && received < bytesPerSecond * (elapsed / 1_000_000L) / 1_000L) {
                throw new HttpException.RuntimeException(408,
                        "request body slower than " + bytesPerSecond + " bytes/s (" + received + " bytes in " + elapsed / 1_000_000_000L + " s)");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
