package dev.wharf.projection;

import dev.wharf.metadata.MetadataStore;
import dev.wharf.metadata.MetadataTransaction;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.downloads.DownloadDays;
import dev.wharf.registry.PublishRules;
import java.util.ArrayList;
import java.util.function.Consumer;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.PublishVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to the metadata store: the first {@code PublishVersion} of a
 * (package, version) in log order wins, later ones become conflicts, and every publish event
 * gets exactly one recorded outcome. A batch, its outcomes and its new offsets commit in one
 * transaction, so each event takes effect exactly once even across crashes and rebalances.
 */
public final class MetadataProjection implements Projection {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataProjection.class);
    public static final String NAME = "metadata";

    private final MetadataStore store;
    private final Consumer<List<PublishOutcome>> committed;

    public MetadataProjection(MetadataStore store) {
        this(store, outcomes -> {});
    }

    /** @param committed hears every batch's publish outcomes once they are committed (the waiting publishes of this JVM) */
    public MetadataProjection(MetadataStore store, Consumer<List<PublishOutcome>> committed) {
        this.store = store;
        this.committed = committed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<Integer, Long> positions() {
        return store.positions(NAME);
    }

    @Override
    public void apply(List<LoggedEvent> batch) throws StalePosition {
        Map<Integer, long[]> ranges = new LinkedHashMap<>();
        for (LoggedEvent e : batch) {
            ranges.merge(e.partition(), new long[] {e.offset(), e.offset()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        List<PublishOutcome> outcomes = new ArrayList<>();
        try {
            store.write(tx -> {
                Map<Integer, Long> stored = positionsIn(tx);
                for (var range : ranges.entrySet()) {
                    long expected = stored.getOrDefault(range.getKey(), 0L);
                    // Throwing rolls back every offset already moved in this transaction.
                    if (range.getValue()[0] < expected || !tx.advance(NAME, range.getKey(), expected, range.getValue()[1] + 1)) {
                        throw new FencedOut(range.getKey(), expected, range.getValue()[0]);
                    }
                }
                for (LoggedEvent e : batch) applyOne(tx, e, outcomes);
                return null;
            });
        } catch (FencedOut e) {
            throw new StalePosition(e.getMessage());
        }
        if (!outcomes.isEmpty()) committed.accept(outcomes);
    }

    private static final class FencedOut extends RuntimeException {
        FencedOut(int partition, long stored, long batchStart) {
            super("partition " + partition + " is applied up to " + stored + ", batch starts at " + batchStart);
        }
    }

    private Map<Integer, Long> positionsIn(MetadataTransaction tx) {
        // Read inside the transaction so the fence sees what is committed now, not at poll time.
        return tx.positions(NAME);
    }

    private static void applyOne(MetadataTransaction tx, LoggedEvent logged, List<PublishOutcome> outcomes) {
        if (logged.event() == null) {
            // EventTail and ProjectionRebuild stop a partition at a record they cannot read and
            // never hand it here; this only guards callers that build batches themselves.
            LOG.warn("skipping undecodable event at {}/{}: {}", logged.partition(), logged.offset(), logged.undecodable());
            return;
        }
        switch (logged.event()) {
            case PublishVersion p -> {
                PublishOutcome outcome = decide(tx, p);
                tx.recordOutcome(outcome);
                tx.announceVerdict(outcome.eventId());
                outcomes.add(outcome);
            }
            case DownloadsCounted d -> {
                d.countsByVersion().forEach((version, count) -> {
                    try {
                        tx.addDownloads(d.name(), PackageVersion.parse(version).key(), count);
                    } catch (InvalidInput e) {
                        LOG.warn("ignoring download count for bad version {}@{}", d.name(), version);
                    }
                });
                DownloadDays.apply(tx, d, logged.timestamp());
            }
        }
    }

    private static PublishOutcome decide(MetadataTransaction tx, PublishVersion p) {
        PublishRules.Decision decision = PublishRules.decide(p, key -> tx.hasVersion(p.name(), key));
        return switch (decision) {
            case PublishRules.Decision.Accept a -> {
                tx.insertVersion(p);
                yield new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.ACCEPTED, null);
            }
            case PublishRules.Decision.Conflict c ->
                    new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.CONFLICT, c.message());
            case PublishRules.Decision.Reject r ->
                    new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.REJECTED, r.message());
        };
    }
}
