package dev.wharf.governance;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.Refusal;
import dev.wharf.domain.VersionRecord;
import dev.wharf.events.PackageDeprecated;
import dev.wharf.events.RegistryEvent;
import dev.wharf.events.VersionUnyanked;
import dev.wharf.events.VersionYanked;
import dev.wharf.ports.EventAppender;
import dev.wharf.ports.MetadataReads;
import dev.wharf.ports.PublishVerdicts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yank, un-yank and deprecation: each an event on the package's partition, applied by the
 * metadata projection, which records a verdict for it as it does for a publish (accepted, or
 * rejected when the version is not there in log order). The answer waits for that verdict and
 * for this node's search replica, so the client reads back and searches what it did.
 */
public final class YankService {

    private static final Logger LOG = LoggerFactory.getLogger(YankService.class);
    static final int MAX_TEXT = 1024;

    private final EventAppender log;
    private final MetadataReads metadata;
    private final PublishVerdicts verdicts;
    private final dev.wharf.ports.ReplicaProgress replica;
    private final Duration appendTimeout;
    private final Duration ackTimeout;
    private final Clock clock;
    private final String node;

    public YankService(EventAppender log, MetadataReads metadata, PublishVerdicts verdicts,
                       dev.wharf.ports.ReplicaProgress replica, Duration appendTimeout,
                       Duration ackTimeout, Clock clock, String node) {
        this.log = log;
        this.metadata = metadata;
        this.verdicts = verdicts;
        this.replica = replica;
        this.appendTimeout = appendTimeout;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.node = node;
    }

    /** The version as it reads after the change, or the event's id while its verdict is pending. */
    public sealed interface Result {
        record Applied(VersionRecord version) implements Result {}

        record Pending(UUID eventId) implements Result {}
    }

    public Result yank(Principal by, String name, String version, String reason) throws InterruptedException {
        VersionRecord current = existing(by, name, version);
        String why = text("reason", reason, false);
        if (current.yanked() && java.util.Objects.equals(current.yankReason(), why)) return new Result.Applied(current);
        return change(new VersionYanked(UUID.randomUUID(), clock.millis(), current.name(), current.version(), why,
                by.actor(node)), current);
    }

    public Result unyank(Principal by, String name, String version) throws InterruptedException {
        VersionRecord current = existing(by, name, version);
        if (!current.yanked()) return new Result.Applied(current);
        return change(new VersionUnyanked(UUID.randomUUID(), clock.millis(), current.name(), current.version(),
                by.actor(node)), current);
    }

    /** {@code message} null undeprecates. Answers the package's latest version. */
    public Result deprecate(Principal by, String name, String message) throws InterruptedException {
        PackageName parsed = packageName(name);
        by.mayYank(parsed);
        VersionRecord latest = metadata.latest(parsed).orElseThrow(() -> new Refusal.NotFound("package " + parsed + " not found"));
        String text = message == null ? null : text("message", message, true);
        if (java.util.Objects.equals(latest.deprecated(), text)) return new Result.Applied(latest);
        return change(new PackageDeprecated(UUID.randomUUID(), clock.millis(), parsed.toString(), text, by.actor(node)), latest);
    }

    private VersionRecord existing(Principal by, String name, String version) {
        PackageName parsed = packageName(name);
        by.mayYank(parsed);
        PackageVersion v;
        try {
            v = PackageVersion.parse(version);
        } catch (InvalidInput e) {
            throw new Refusal.NotFound(parsed + "@" + PackageName.printable(version) + " not found: " + e.getMessage());
        }
        return metadata.version(parsed, v).orElseThrow(() -> new Refusal.NotFound(parsed + "@" + v + " not found"));
    }

    private static PackageName packageName(String name) {
        try {
            return PackageName.parse(name);
        } catch (InvalidInput e) {
            throw new Refusal.NotFound("package not found: " + e.getMessage());
        }
    }

    private static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw new InvalidInput(field + " is required");
            return null;
        }
        if (value.length() > MAX_TEXT) throw new InvalidInput(field + " is longer than " + MAX_TEXT + " characters");
        if (value.indexOf('\0') >= 0) throw new InvalidInput(field + " must not contain NUL (U+0000) characters");
        return value.strip();
    }

    private Result change(RegistryEvent event, VersionRecord before) throws InterruptedException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        CompletableFuture<PublishOutcome> verdict = verdicts.verdictOf(event.eventId());
        try {
            dev.wharf.events.LogPosition position;
            try {
                position = log.append(event).get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("event log refused {} {}: {}", event.getClass().getSimpleName(), event.eventId(), e.toString());
                throw new Refusal.Unavailable("the event log is unavailable; nothing was changed, try again");
            }
            PublishOutcome outcome;
            try {
                outcome = verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return new Result.Pending(event.eventId());
            }
            if (outcome.outcome() != PublishOutcome.Kind.ACCEPTED) throw new Refusal.Conflict(outcome.message());
            // Read-your-writes, as for a publish: search on this node already shows the change.
            if (!replica.awaitApplied(position, deadline)) return new Result.Pending(event.eventId());
        } finally {
            verdict.cancel(false);
        }
        PackageName name = PackageName.parse(before.name());
        return new Result.Applied(metadata.version(name, PackageVersion.parse(before.version())).orElse(before));
    }
}
