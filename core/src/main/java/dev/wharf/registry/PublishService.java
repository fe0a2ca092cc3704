package dev.wharf.registry;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.Refusal;
import dev.wharf.domain.Sha256;
import dev.wharf.events.LogPosition;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmInspector;
import dev.wharf.inspect.WasmSummary;
import dev.wharf.ports.BlobStore;
import dev.wharf.ports.EventAppender;
import dev.wharf.ports.MetadataReads;
import dev.wharf.ports.PublishVerdicts;
import dev.wharf.ports.ReplicaProgress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A publish, in order: authorise, validate ({@link PublishRules}), store the bytes, append the
 * event, then wait for the log's verdict. It is acknowledged as published only once its event
 * is applied to the metadata store and this node's search replica has passed it
 * (read-your-writes). If the verdict does not come in time the event is still durable, so the
 * client hears "pending" with a status to check rather than an error.
 */
public final class PublishService {

    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);

    private final PublishTokens tokens;
    private final WasmInspector inspector;
    private final BlobStore blobs;
    private final EventAppender log;
    private final MetadataReads metadata;
    private final PublishVerdicts verdicts;
    private final ReplicaProgress replica;
    private final Duration appendTimeout;
    private final Duration ackTimeout;
    private final Clock clock;
    private final String node;
    // Publishes this node appended that have no verdict yet (the replica knows the rest of the
    // log's); bounded, since a long indexer outage may leave many answered 202.
    private final java.util.Set<UUID> inFlight = java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<UUID, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));

    public PublishService(PublishTokens tokens, WasmInspector inspector, BlobStore blobs, EventAppender log,
                          MetadataReads metadata, PublishVerdicts verdicts, ReplicaProgress replica,
                          Duration appendTimeout, Duration ackTimeout, Clock clock, String node) {
        this.tokens = tokens;
        this.inspector = inspector;
        this.blobs = blobs;
        this.log = log;
        this.metadata = metadata;
        this.verdicts = verdicts;
        this.replica = replica;
        this.appendTimeout = appendTimeout;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.node = node;
    }

    public PublishResult publish(dev.wharf.governance.Principal principal, PublishForm form) throws InterruptedException {
        PublishVersion event = validate(principal, form);
        if (metadataHas(event)) throw new Refusal.Conflict(event.name() + "@" + event.version() + " already exists");
        try {
            blobs.put(new Sha256(event.sha256()), form.file(), form.size());
        } catch (IOException e) {
            LOG.warn("blob store refused {}: {}", event.sha256(), e.toString());
            throw new Refusal.Unavailable("the blob store is unavailable; nothing was published, try again");
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        // Asked for before the append, so a verdict decided in the instant after it is not missed.
        var verdict = verdicts.verdictOf(event.eventId());
        inFlight.add(event.eventId());
        PublishResult result = null;
        try {
            LogPosition position = append(event);
            result = awaitVerdict(event, verdict, position, deadline);
            return result;
        } finally {
            if (!(result instanceof PublishResult.Pending)) inFlight.remove(event.eventId());
        }
    }

    private PublishVersion validate(dev.wharf.governance.Principal principal, PublishForm form) {
        PackageName name = PackageName.parse(form.field("name"));
        tokens.authorize(principal, name);
        WasmSummary wasm;
        try {
            wasm = inspector.inspect(form.file());
        } catch (IOException e) {
            throw new Refusal.Unavailable("the upload could not be read back from the spool");
        }
        long now = clock.millis();
        return PublishRules.validate(form, name, wasm, principal.publisher(name), now / 1000)
                .by(principal.actor(node), now);
    }

    private boolean metadataHas(PublishVersion event) {
        try {
            return metadata.version(PackageName.parse(event.name()), PackageVersion.parse(event.version())).isPresent();
        } catch (RuntimeException e) {
            // The log decides conflicts anyway; a metadata outage must not block the append.
            return false;
        }
    }

    private LogPosition append(PublishVersion event) throws InterruptedException {
        try {
            return log.append(event).get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("event log refused publish {}: {}", event.eventId(), e.toString());
            throw new Refusal.Unavailable("the event log is unavailable; nothing was published, try again");
        }
    }

    private PublishResult awaitVerdict(PublishVersion event, java.util.concurrent.CompletableFuture<PublishOutcome> verdict,
                                       LogPosition position, long deadline) throws InterruptedException {
        PublishOutcome outcome;
        try {
            outcome = verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new PublishResult.Pending(event.eventId(), "pending");
        } catch (ExecutionException e) {
            LOG.warn("no verdict for publish {}: {}", event.eventId(), e.getCause().toString());
            return new PublishResult.Pending(event.eventId(), "pending");
        } finally {
            verdict.cancel(false);
        }
        return switch (outcome.outcome()) {
            case CONFLICT -> throw new Refusal.Conflict(outcome.message());
            case REJECTED -> throw new InvalidInput(outcome.message());
            case ACCEPTED -> replica.awaitApplied(position, deadline)
                    ? new PublishResult.Published(event)
                    : new PublishResult.Pending(event.eventId(), "accepted");
        };
    }

    /**
     * The state of a publish the client was told to check on later: its outcome, or pending
     * while the event is in the log (or being appended here) without a verdict. An id nobody
     * appended is not found, rather than pending forever.
     */
    public PublishStatus status(UUID eventId) {
        Optional<PublishOutcome> outcome = metadata.outcome(eventId);
        if (outcome.isPresent()) return new PublishStatus(eventId, outcome.get().outcome().name().toLowerCase(java.util.Locale.ROOT), outcome.get().message());
        if (inFlight.contains(eventId) || replica.sawPublish(eventId)) return new PublishStatus(eventId, "pending", null);
        throw new Refusal.NotFound("no publish " + eventId + " is in the log");
    }

    /** What is known of one publish event: {@code pending}, {@code accepted}, {@code conflict} or {@code rejected}. */
    public record PublishStatus(UUID eventId, String status, String message) {}
}
