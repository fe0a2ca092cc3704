package dev.wharf.metadata;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.LoggedEvent;
import dev.wharf.events.Projection;
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

    public MetadataProjection(MetadataStore store) {
        this.store = store;
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
                for (LoggedEvent e : batch) applyOne(tx, e);
                return null;
            });
        } catch (FencedOut e) {
            throw new StalePosition(e.getMessage());
        }
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

    private static void applyOne(MetadataTransaction tx, LoggedEvent logged) {
        if (logged.event() == null) {
            LOG.warn("skipping undecodable event at {}/{}: {}", logged.partition(), logged.offset(), logged.undecodable());
            return;
        }
        switch (logged.event()) {
            case PublishVersion p -> tx.recordOutcome(decide(tx, p));
            case DownloadsCounted d -> {
                d.countsByVersion().forEach((version, count) -> {
                    try {
                        tx.addDownloads(d.name(), PackageVersion.parse(version).key(), count);
                    } catch (InvalidInput e) {
                        LOG.warn("ignoring download count for bad version {}@{}", d.name(), version);
                    }
                });
                dev.wharf.downloads.DownloadDays.apply(tx, d, logged.timestamp());
            }
        }
    }

    private static PublishOutcome decide(MetadataTransaction tx, PublishVersion p) {
        String coordinates = p.name() + "@" + p.version();
        try {
            PackageName.parse(p.name());
            PackageVersion.parse(p.version());
        } catch (InvalidInput e) {
            return new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.REJECTED, e.getMessage());
        }
        if (tx.insertVersion(p)) {
            return new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.ACCEPTED, null);
        }
        return new PublishOutcome(p.eventId(), p.name(), p.version(), PublishOutcome.Kind.CONFLICT,
                coordinates + " already exists");
    }
}
