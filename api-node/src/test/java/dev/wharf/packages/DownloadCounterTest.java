package dev.wharf.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.LogPosition;
import dev.wharf.events.RegistryEvent;
import dev.wharf.ports.EventAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Downloads are counted in memory and flushed to the log as one event per package. A flush
 * hands every package's event to the log before it waits for any, so a download storm over many
 * packages costs a few produce requests, not one round trip (and one broker fsync) each.
 */
class DownloadCounterTest {

    /** A log that takes events at once and acknowledges them only when told to. */
    static final class SlowLog implements EventAppender {
        final List<DownloadsCounted> taken = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<LogPosition>> pending = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<LogPosition> append(RegistryEvent event) {
            taken.add((DownloadsCounted) event);
            CompletableFuture<LogPosition> ack = new CompletableFuture<>();
            pending.add(ack);
            return ack;
        }
    }

    @Test
    void a_flush_hands_every_package_to_the_log_before_waiting_for_the_first() throws Exception {
        SlowLog log = new SlowLog();
        DownloadCounter counter = new DownloadCounter(log, Duration.ofHours(1), "node-a");
        counter.count("a:one", "1.0.0");
        counter.count("a:one", "1.0.0");
        counter.count("a:two", "2.0.0");
        counter.count("a:three", "0.1.0");

        // Acknowledges only once all three are in hand: a flush waiting for each in turn would
        // time out on the first.
        Thread acknowledger = Thread.ofVirtual().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.pending.size() < 3 && System.nanoTime() < deadline) Thread.onSpinWait();
            log.pending.forEach(ack -> ack.complete(new LogPosition(0, 0)));
        });
        counter.flush();
        acknowledger.join();

        assertThat(log.taken).extracting(DownloadsCounted::name).containsExactlyInAnyOrder("a:one", "a:two", "a:three");
        assertThat(log.taken).filteredOn(e -> e.name().equals("a:one")).singleElement()
                .extracting(DownloadsCounted::countsByVersion).isEqualTo(Map.of("1.0.0", 2L));
    }

    @Test
    void counts_the_log_refused_are_sent_again_with_the_next_flush() {
        SlowLog log = new SlowLog();
        DownloadCounter counter = new DownloadCounter(log, Duration.ofHours(1), "node-a");
        counter.count("a:kept", "1.0.0");
        counter.count("a:lost", "1.0.0");
        Thread.ofVirtual().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.pending.size() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
            for (int i = 0; i < log.pending.size(); i++) {
                if (log.taken.get(i).name().equals("a:lost")) log.pending.get(i).completeExceptionally(new IllegalStateException("broker down"));
                else log.pending.get(i).complete(new LogPosition(0, 0));
            }
        });
        assertThatThrownBy(counter::flush).hasMessageContaining("event log unavailable");

        counter.count("a:lost", "1.0.0");
        log.taken.clear();
        log.pending.clear();
        Thread.ofVirtual().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.pending.isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
            log.pending.forEach(ack -> ack.complete(new LogPosition(0, 0)));
        });
        counter.flush();
        assertThat(log.taken).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("a:lost");
            assertThat(e.countsByVersion()).as("the refused download and the new one").isEqualTo(Map.of("1.0.0", 2L));
        });
    }
}
