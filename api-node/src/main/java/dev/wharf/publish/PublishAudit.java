package dev.wharf.publish;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import dev.wharf.errors.ApiError;
import dev.wharf.registry.PublishForm;
import dev.wharf.registry.PublishResult;
import dev.wharf.governance.Principal;
import dev.wharf.metrics.RegistryMetrics;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one count per publish attempt: outcome, name, version and the token's name
 * (its namespace, or {@code env:admin} for REGISTRY_ADMIN_TOKEN) — never the token itself, which
 * is only ever compared by hash.
 */
final class PublishAudit {

    private static final Logger LOG = LoggerFactory.getLogger("dev.wharf.publishes");

    private final RegistryMetrics metrics;

    PublishAudit(RegistryMetrics metrics) {
        this.metrics = metrics;
    }

    void answered(Principal grant, PublishForm form, PublishResult result) {
        String outcome = switch (result) {
            case PublishResult.Published p -> "published";
            case PublishResult.Pending p -> "pending";
        };
        record(outcome, grant, form, null);
    }

    void refused(Principal grant, PublishForm form, RuntimeException e) {
        String outcome = e instanceof Refusal r ? switch (r) {
                    case Refusal.Conflict c -> "conflict";
                    case Refusal.Unauthenticated u -> "unauthorized";
                    case Refusal.Forbidden f -> "forbidden";
                    case Refusal.TooLarge t -> "too_large";
                    case Refusal.Unavailable u -> "unavailable";
                    case Refusal.Busy b -> "busy";
                    default -> "refused";
                }
                : e instanceof ApiError a ? switch (a.code()) {
                    case CONFLICT -> "conflict";
                    case UNAUTHORIZED -> "unauthorized";
                    case FORBIDDEN -> "forbidden";
                    case PAYLOAD_TOO_LARGE -> "too_large";
                    case UNAVAILABLE -> "unavailable";
                    default -> "refused";
                }
                : e instanceof WebApplicationException w && w.getResponse().getStatus() >= 500 ? "unavailable"
                : e instanceof WebApplicationException ? "refused" : "failed";
        record(outcome, grant, form, e.getMessage());
    }

    private void record(String outcome, Principal grant, PublishForm form, String message) {
        metrics.published(outcome);
        String token = grant == null ? "-" : grant.tokenName();
        String name = form == null ? null : form.fields().get("name");
        String version = form == null ? null : form.fields().get("version");
        LOG.info("publish outcome={} name={} version={} token={}{}", outcome, printable(name), printable(version), token,
                message == null ? "" : " message=\"" + printable(message) + "\"");
    }

    /** Names come from the client: keep a line one line, whatever they hold. */
    private static String printable(String value) {
        if (value == null) return "-";
        String v = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        return v.replaceAll("[\\p{Cntrl}\"]", "?");
    }
}
