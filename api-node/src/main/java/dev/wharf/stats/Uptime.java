package dev.wharf.stats;

import java.util.concurrent.atomic.AtomicLong;

/** The share of health samples, since this node started, in which it could serve. */
public final class Uptime {

    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong healthy = new AtomicLong();

    public void sample(boolean up) {
        samples.incrementAndGet();
        if (up) healthy.incrementAndGet();
    }

    public double percent() {
        long n = samples.get();
        return n == 0 ? 100.0 : Math.round(10_000.0 * healthy.get() / n) / 100.0;
    }
}
