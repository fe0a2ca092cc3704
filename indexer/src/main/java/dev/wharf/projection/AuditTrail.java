package dev.wharf.projection;

import dev.wharf.domain.PublishOutcome;
import dev.wharf.events.PackageDeprecated;
import dev.wharf.events.PublishVersion;
import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import dev.wharf.events.VersionUnyanked;
import dev.wharf.events.VersionYanked;
import dev.wharf.metadata.MetadataTransaction;
import java.time.Instant;

/**
 * The audit trail's rows: one per publish (whatever its outcome) and per governance event that
 * took effect, with its actor, in the metadata projection's transaction. Download counts are
 * not in it: they are traffic, not a change anyone decided, and would drown the trail (one
 * event per package per node every few seconds). A token's secret is never in an event, so it
 * cannot reach the trail; its hash is left out too.
 */
final class AuditTrail {

    private AuditTrail() {}

    static void record(MetadataTransaction tx, LoggedEvent at, PublishVersion p, PublishOutcome outcome) {
        String detail = switch (outcome.outcome()) {
            case ACCEPTED -> "published " + p.name() + "@" + p.version() + " (sha256 " + p.sha256() + ", " + p.size() + " bytes)";
            case CONFLICT, REJECTED -> "publish " + outcome.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + outcome.message();
        };
        tx.recordAudit(at.partition(), at.offset(), p.at() != null ? p.at() : p.publishedAt() * 1000, p.eventId(), "PublishVersion", p.actor(),
                p.name(), p.version(), detail);
    }

    static void record(MetadataTransaction tx, LoggedEvent at, VersionYanked y) {
        tx.recordAudit(at.partition(), at.offset(), y.at(), y.eventId(), "VersionYanked", y.actor(), y.name(), y.version(),
                "yanked " + y.name() + "@" + y.version() + (y.reason() == null ? "" : ": " + y.reason()));
    }

    static void record(MetadataTransaction tx, LoggedEvent at, VersionUnyanked u) {
        tx.recordAudit(at.partition(), at.offset(), u.at(), u.eventId(), "VersionUnyanked", u.actor(), u.name(), u.version(),
                "un-yanked " + u.name() + "@" + u.version());
    }

    static void record(MetadataTransaction tx, LoggedEvent at, PackageDeprecated d) {
        tx.recordAudit(at.partition(), at.offset(), d.at(), d.eventId(), "PackageDeprecated", d.actor(), d.name(), null,
                d.message() == null ? "undeprecated " + d.name() : "deprecated " + d.name() + ": " + d.message());
    }

    static void record(MetadataTransaction tx, LoggedEvent at, TokenIssued t) {
        tx.recordAudit(at.partition(), at.offset(), t.at(), t.eventId(), "TokenIssued", t.actor(), null, null,
                "issued token " + t.tokenId() + " '" + t.name() + "' for namespaces " + t.namespaces() + " with scopes "
                        + t.scopes() + (t.expiresAt() == null ? ", never expires" : ", expires " + Instant.ofEpochSecond(t.expiresAt())));
    }

    static void record(MetadataTransaction tx, LoggedEvent at, TokenRevoked r) {
        tx.recordAudit(at.partition(), at.offset(), r.at(), r.eventId(), "TokenRevoked", r.actor(), null, null,
                "revoked token " + r.tokenId() + (r.reason() == null ? "" : ": " + r.reason()));
    }
}
