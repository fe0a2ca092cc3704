package dev.wharf.admin;

import dev.wharf.domain.AuditEntry;
import dev.wharf.domain.InvalidInput;
import dev.wharf.ports.MetadataReads;
import dev.wharf.registry.PublishTokens;
import dev.wharf.wire.AuditTrailPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/admin/audit?after=&limit=&package=&actor=}: the audit trail from the
 * metadata projection, so every node answers the same and a rebuild gives it back. Admin only.
 */
@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final PublishTokens tokens;
    private final MetadataReads metadata;

    public AuditResource(PublishTokens tokens, MetadataReads metadata) {
        this.tokens = tokens;
        this.metadata = metadata;
    }

    @GET
    public AuditTrailPage trail(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("after") String after,
                                @QueryParam("limit") String limit, @QueryParam("package") String packageName,
                                @QueryParam("actor") String actor) {
        tokens.authenticate(authorization).mustBeAdmin();
        List<AuditEntry> entries = metadata.audit(blankToNull(after), limit(limit), blankToNull(packageName), blankToNull(actor));
        String next = entries.isEmpty() ? blankToNull(after) : entries.getLast().cursor();
        return new AuditTrailPage(entries.stream().map(e -> new AuditTrailPage.Entry(Instant.ofEpochMilli(e.atMillis()).toString(),
                e.type(), new AuditTrailPage.Actor(e.tokenId(), e.tokenName()), e.node(), e.packageName(), e.version(),
                e.detail())).toList(), next);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 1 || n > MAX_LIMIT) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
