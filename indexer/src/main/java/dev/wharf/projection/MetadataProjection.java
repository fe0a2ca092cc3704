package dev.wharf.projection;

import dev.wharf.metadata.MetadataStore;
import dev.wharf.metadata.MetadataTransaction;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.downloads.DownloadTally;
import dev.wharf.registry.PublishRules;
import java.util.ArrayList;
import java.util.function.Consumer;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.PackageDeprecated;
import dev.wharf.events.PublishVersion;
import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import dev.wharf.events.VersionUnyanked;
import dev.wharf.events.VersionYanked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to the metadata store: the first {@code PublishVersion} of a
 * (package, version) in log order wins, later ones become conflicts, and every publish event
 * gets exactly one recorded outcome. A batch, its outcomes and its new offsets commit in one
 * transaction, so each event takes effect exactly once even across crashes and rebalances.
 * Yanks and deprecations get an outcome too (a request waits for it), and every publish and
 * governance event a row in the audit trail ({@link AuditTrail}).
 */
public final class MetadataProjection implements Projection {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataProjection.class);
    public static final String NAME = "metadata";

    private final MetadataStore store;
    private final Consumer<List<PublishOutcome>> committed;
    private final Consumer<String> packageChanged;

    public MetadataProjection(MetadataStore store) {
        this(store, outcomes -> {});
    }

    /** @param committed hears every batch's publish outcomes once they are committed (the waiting publishes of this JVM) */
    public MetadataProjection(MetadataStore store, Consumer<List<PublishOutcome>> committed) {
        this(store, committed, name -> {});
    }

    /**
     * @param packageChanged hears the name of every package a batch touched, once the batch is
     *        committed: answers this JVM built from the store may be stale from then on (and not
     *        before, so an answer read again at that moment sees the change)
     */
    public MetadataProjection(MetadataStore store, Consumer<List<PublishOutcome>> committed, Consumer<String> packageChanged) {
        this.store = store;
        this.committed = committed;
        this.packageChanged = packageChanged;
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
                DownloadTally downloads = new DownloadTally();
                for (LoggedEvent e : batch) applyOne(tx, e, outcomes, downloads);
                downloads.writeTo(tx);
                return null;
            });
        } catch (FencedOut e) {
            throw new StalePosition(e.getMessage());
        }
        Set<String> touched = new LinkedHashSet<>();
        for (LoggedEvent e : batch) if (e.event() != null) touched.add(e.event().key());
        touched.forEach(packageChanged);
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

    private static void applyOne(MetadataTransaction tx, LoggedEvent logged, List<PublishOutcome> outcomes, DownloadTally downloads) {
        if (logged.event() == null) {
            // EventTail and ProjectionRebuild stop a partition at a record they cannot read and
            // never hand it here; this only guards callers that build batches themselves.
            LOG.warn("skipping undecodable event at {}/{}: {}", logged.partition(), logged.offset(), logged.undecodable());
            return;
        }
        switch (logged.event()) {
            case PublishVersion p -> {
                PublishOutcome outcome = decide(tx, p);
                verdict(tx, outcome, outcomes);
                AuditTrail.record(tx, logged, p, outcome);
            }
            case VersionYanked y -> {
                boolean applied = setYanked(tx, y.name(), y.version(), true, y.reason());
                verdict(tx, governed(y.eventId(), y.name(), y.version(), applied, "yank"), outcomes);
                if (applied) AuditTrail.record(tx, logged, y);
            }
            case VersionUnyanked u -> {
                boolean applied = setYanked(tx, u.name(), u.version(), false, null);
                verdict(tx, governed(u.eventId(), u.name(), u.version(), applied, "un-yank"), outcomes);
                if (applied) AuditTrail.record(tx, logged, u);
            }
            case PackageDeprecated d -> {
                boolean applied = tx.setDeprecated(d.name(), d.message());
                verdict(tx, governed(d.eventId(), d.name(), "", applied, "deprecate"), outcomes);
                if (applied) AuditTrail.record(tx, logged, d);
            }
            case TokenIssued t -> AuditTrail.record(tx, logged, t);
            case TokenRevoked r -> AuditTrail.record(tx, logged, r);
            // Added up with the batch's other counts and written once the batch is applied.
            case DownloadsCounted d -> downloads.add(d, logged.timestamp());
        }
    }

    /** Records and announces an outcome: the waiting request (publish, yank, deprecate) hears of it when it commits. */
    private static void verdict(MetadataTransaction tx, PublishOutcome outcome, List<PublishOutcome> outcomes) {
        tx.recordOutcome(outcome);
        tx.announceVerdict(outcome.eventId());
        outcomes.add(outcome);
    }

    private static boolean setYanked(MetadataTransaction tx, String name, String version, boolean yanked, String reason) {
        try {
            return tx.setYanked(PackageName.parse(name).toString(), PackageVersion.parse(version).key(), yanked, reason);
        } catch (InvalidInput e) {
            return false;
        }
    }

    /** A governance event on a package is accepted when its package (and version) exist at its place in the log. */
    private static PublishOutcome governed(java.util.UUID eventId, String name, String version, boolean applied, String what) {
        return applied
                ? new PublishOutcome(eventId, name, version, PublishOutcome.Kind.ACCEPTED, null)
                : new PublishOutcome(eventId, name, version, PublishOutcome.Kind.REJECTED,
                        "cannot " + what + " " + name + (version.isEmpty() ? "" : "@" + version) + ": it is not in the registry");
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
