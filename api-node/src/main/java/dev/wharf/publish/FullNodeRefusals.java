package dev.wharf.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ApiError;
import dev.wharf.governance.Principal;
import dev.wharf.metrics.RegistryMetrics;
import dev.wharf.registry.PublishTokens;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A publish that {@link PublishSlots} would refuse is refused here, before Jersey: the same 429
 * or 503 with {@code Retry-After}, JSON body, audit line and {@code Connection: close} as
 * {@link PublishResource} answers, at a fraction of a Jersey request's cost. In ops/slow-bodies
 * 1,068 of 1,100 publishes are refused this way within a few seconds, and a /health probe
 * arriving among them waited behind them for up to 2 s (issue 14). A publish with room goes on
 * to the resource holding its slot, its grant handed over in the request ({@link #GRANT}), so
 * neither is taken twice; no or a wrong token goes on to the resource, which answers 401.
 */
public final class FullNodeRefusals implements Filter {

    /** The request attribute carrying an authenticated publish's grant to {@link PublishResource}. */
    static final String GRANT = FullNodeRefusals.class.getName() + ".grant";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublishTokens tokens;
    private final PublishSlots slots;
    private final UploadSpool spool;
    private final PublishAudit audit;

    public FullNodeRefusals(PublishTokens tokens, PublishSlots slots, UploadSpool spool, RegistryMetrics metrics) {
        this.tokens = tokens;
        this.slots = slots;
        this.spool = spool;
        this.audit = new PublishAudit(metrics);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !"POST".equals(request.getMethod()) || !"/api/v1/packages".equals(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        Principal grant;
        try {
            grant = tokens.authenticate(request.getHeader("Authorization"));
        } catch (RuntimeException refused) {
            chain.doFilter(req, res); // the resource answers 401 as it always has
            return;
        }
        PublishSlots.Slot room;
        try {
            room = slots.take(grant.tokenId());
        } catch (ApiError busy) {
            audit.refused(grant, null, busy);
            byte[] body = JSON.writeValueAsBytes(busy.getResponse().getEntity());
            response.setStatus(busy.getResponse().getStatus());
            response.setHeader("Retry-After", busy.getResponse().getHeaderString("Retry-After"));
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.setContentLength(body.length);
            // Read on what is left of the body (while it comes at a useful rate) so the client hears this.
            spool.discardRest(request.getInputStream(), request.getContentLengthLong());
            response.getOutputStream().write(body);
            return;
        }
        // Held until the resource's answer is written: Jersey handles the request in this call.
        try (room) {
            request.setAttribute(GRANT, grant);
            chain.doFilter(req, res);
        }
    }
}
