package dev.wharf.publish;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.auth.PublishTokens;
import dev.wharf.blob.BlobStore;
import dev.wharf.domain.Dependency;
import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.Sha256;
import dev.wharf.errors.ApiError;
import dev.wharf.events.EventLog;
import dev.wharf.events.EventTail;
import dev.wharf.events.LogPosition;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmInspector;
import dev.wharf.inspect.WasmSummary;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.metadata.PublishOutcome;
import dev.wharf.packages.PackageMeta;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a publish, in order: authorise, validate, store the bytes, append the event,
 * then wait for the log's verdict. A publish is acknowledged with 201 only once its event is
 * applied to the metadata store and this node's search replica has passed it
 * (read-your-writes). If the verdict does not come in time the event is still durable, so the
 * client gets 202 and a status URL rather than an error.
 */
public final class PublishService {

    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DESCRIPTION = 4096;
    private static final int MAX_SHORT_FIELD = 256;
    private static final int MAX_URL = 2048;

    private final PublishTokens tokens;
    private final WasmInspector inspector;
    private final BlobStore blobs;
    private final EventLog log;
    private final MetadataStore metadata;
    private final EventTail searchReplica;
    private final Optional<EventTail> localIndexer;
    private final Duration appendTimeout;
    private final Duration ackTimeout;
    private final String registryUrl;

    public PublishService(PublishTokens tokens, WasmInspector inspector, BlobStore blobs, EventLog log,
                          MetadataStore metadata, EventTail searchReplica, Optional<EventTail> localIndexer,
                          Duration appendTimeout, Duration ackTimeout, String registryUrl) {
        this.tokens = tokens;
        this.inspector = inspector;
        this.blobs = blobs;
        this.log = log;
        this.metadata = metadata;
        this.searchReplica = searchReplica;
        this.localIndexer = localIndexer;
        this.appendTimeout = appendTimeout;
        this.ackTimeout = ackTimeout;
        this.registryUrl = registryUrl;
    }

    public PublishResult publish(PublishTokens.Grant grant, PublishForm form) throws InterruptedException {
        PublishVersion event = validate(grant, form);
        if (metadataHas(event)) throw ApiError.conflict(event.name() + "@" + event.version() + " already exists");
        try {
            blobs.put(new Sha256(event.sha256()), form.file(), form.size());
        } catch (IOException e) {
            LOG.warn("blob store refused {}: {}", event.sha256(), e.toString());
            throw ApiError.unavailable("the blob store is unavailable; nothing was published, try again");
        }
        LogPosition position = append(event);
        return awaitVerdict(event, position, System.nanoTime() + ackTimeout.toNanos());
    }

    private PublishVersion validate(PublishTokens.Grant grant, PublishForm form) {
        PackageName name = PackageName.parse(form.field("name"));
        tokens.authorize(grant, name);
        PackageVersion version = PackageVersion.parse(form.field("version"));
        String claimed = form.field("sha256");
        if (claimed != null && !Sha256.parse(claimed).equals(form.measuredSha256())) {
            throw new InvalidInput("sha256 mismatch: the form says " + Sha256.parse(claimed)
                    + " but the uploaded file hashes to " + form.measuredSha256());
        }
        String description = limited(form, "description", MAX_DESCRIPTION);
        String license = limited(form, "license", MAX_SHORT_FIELD);
        String repository = url(form, "repository");
        String witUrl = url(form, "wit_url");
        List<Dependency> dependencies = json(form, "dependencies", new TypeReference<List<Dependency>>() {});
        for (Dependency d : dependencies) {
            if (d == null || d.name() == null || d.version() == null) throw new InvalidInput("each dependency needs a name and a version");
            PackageName.parse(d.name());
        }
        List<String> targets = json(form, "targets", new TypeReference<List<String>>() {});
        WasmSummary wasm;
        try {
            wasm = inspector.inspect(form.file());
        } catch (IOException e) {
            throw ApiError.unavailable("the upload could not be read back from the spool");
        }
        return new PublishVersion(UUID.randomUUID(), Instant.now().getEpochSecond(), name.toString(), version.toString(),
                description == null ? "" : description, license, repository, witUrl, dependencies, targets,
                form.measuredSha256().hex(), form.size(), wasm, grant.namespace());
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
            throw ApiError.unavailable("the event log is unavailable; nothing was published, try again");
        }
    }

    private PublishResult awaitVerdict(PublishVersion event, LogPosition position, long deadline) throws InterruptedException {
        Optional<PublishOutcome> outcome = Optional.empty();
        while (outcome.isEmpty() && System.nanoTime() < deadline) {
            try {
                outcome = metadata.outcome(event.eventId());
            } catch (RuntimeException e) {
                LOG.debug("metadata store unavailable while waiting for {}", event.eventId());
            }
            if (outcome.isPresent()) break;
            Duration step = Duration.ofNanos(Math.max(0, Math.min(Duration.ofMillis(50).toNanos(), deadline - System.nanoTime())));
            localIndexer.orElse(searchReplica).awaitProgress(step);
        }
        if (outcome.isEmpty()) return new PublishResult.Pending(event.eventId(), "pending");
        return switch (outcome.get().outcome()) {
            case CONFLICT -> throw ApiError.conflict(outcome.get().message());
            case REJECTED -> throw ApiError.badRequest(outcome.get().message());
            case ACCEPTED -> searchReplica.awaitApplied(position, deadline)
                    ? new PublishResult.Published(PackageMeta.of(event, 0, registryUrl))
                    : new PublishResult.Pending(event.eventId(), "accepted");
        };
    }

    /** The state of a publish the client was told to check on later. */
    public Optional<PublishOutcome> status(UUID eventId) {
        return metadata.outcome(eventId);
    }

    private static String limited(PublishForm form, String field, int max) {
        String value = form.field(field);
        if (value != null && value.length() > max) throw new InvalidInput(field + " is longer than " + max + " characters");
        return value;
    }

    private static String url(PublishForm form, String field) {
        String value = limited(form, field, MAX_URL);
        if (value == null) return null;
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidInput(field + " must be an http(s) URL");
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInput(field + " is not a valid URL");
        }
    }

    private static <T> List<T> json(PublishForm form, String field, TypeReference<List<T>> type) {
        String value = form.field(field);
        if (value == null) return List.of();
        try {
            List<T> parsed = JSON.readValue(value, type);
            return parsed == null ? List.of() : parsed;
        } catch (IOException e) {
            throw new InvalidInput(field + " must be a JSON array of the documented shape");
        }
    }
}
