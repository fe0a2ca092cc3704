package dev.wharf.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls for a condition with a deadline, instead of sleeping a guessed amount. */
public final class Eventually {

    private Eventually() {}

    /** The first value of {@code probe} that satisfies {@code done}, or the last one seen at the deadline. */
    public static <T> T await(Duration timeout, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = probe.call();
        }
        return value;
    }
}
