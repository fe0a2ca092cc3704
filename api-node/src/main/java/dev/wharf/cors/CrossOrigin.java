package dev.wharf.cors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS (Fetch standard, "CORS protocol"): any web page may read the registry (GET, HEAD and
 * their preflights answer {@code Access-Control-Allow-Origin: *}, as Run's reference server does
 * for every route), but a page may publish or change anything only from an origin listed in
 * CORS_WRITE_ORIGINS. Reads carry no credentials (tokens travel in {@code Authorization}, never
 * in cookies), so {@code *} exposes nothing a plain HTTP client could not fetch.
 *
 * <p>A servlet filter rather than a Jersey one so it also answers for 404s, static files and
 * artifact downloads, and so a preflight never reaches a resource.
 */
public final class CrossOrigin implements Filter {

    static final Set<String> READS = Set.of("GET", "HEAD");
    /** The headers a page may read from an answer, on every read that names its origin. */
    public static final String EXPOSED = "Content-Length, Content-Range, Accept-Ranges, ETag, Location, Retry-After";
    /** Browsers cache a preflight at most this long anyway (Chromium caps at 2 hours). */
    private static final String MAX_AGE = "7200";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Set<String> writeOrigins;
    private final boolean anyOriginWrites;

    public CrossOrigin(String writeOrigins) {
        this.writeOrigins = writeOrigins == null ? Set.of() : Arrays.stream(writeOrigins.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(CrossOrigin::normalise).collect(Collectors.toUnmodifiableSet());
        this.anyOriginWrites = this.writeOrigins.contains("*");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(req, res);
            return;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String preflightFor = request.getHeader("Access-Control-Request-Method");
        if (method.equals("OPTIONS") && preflightFor != null) {
            preflight(request, response, origin, preflightFor.strip().toUpperCase(Locale.ROOT));
            return;
        }
        if (READS.contains(method) || method.equals("OPTIONS")) {
            response.setHeader("Access-Control-Allow-Origin", "*");
            response.setHeader("Access-Control-Expose-Headers", EXPOSED);
        } else if (writeAllowed(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED);
            response.addHeader("Vary", "Origin");
        } else if (!sameOrigin(request, origin)) {
            // A form post needs no preflight, so the browser's check alone would not stop it.
            refuse(response, origin);
            return;
        }
        chain.doFilter(req, res);
    }

    private void preflight(HttpServletRequest request, HttpServletResponse response, String origin, String method)
            throws IOException {
        boolean read = READS.contains(method);
        if (!read && !writeAllowed(origin)) {
            refuse(response, origin);
            return;
        }
        response.setStatus(204);
        response.setHeader("Access-Control-Allow-Origin", read ? "*" : origin);
        if (!read) response.addHeader("Vary", "Origin");
        response.setHeader("Access-Control-Allow-Methods", read ? "GET, HEAD, OPTIONS" : "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        String headers = request.getHeader("Access-Control-Request-Headers");
        if (headers != null && !headers.isBlank()) response.setHeader("Access-Control-Allow-Headers", headers);
        response.setHeader("Access-Control-Max-Age", MAX_AGE);
    }

    private boolean writeAllowed(String origin) {
        return anyOriginWrites || writeOrigins.contains(normalise(origin));
    }

    private static boolean sameOrigin(HttpServletRequest request, String origin) {
        String host = request.getHeader("Host");
        try {
            URI o = URI.create(origin);
            return host != null && o.getRawAuthority() != null && o.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, String origin) throws IOException {
        response.setStatus(403);
        response.setContentType("application/json");
        String message = "cross-origin writes are not allowed from " + origin + "; the registry's operator may list it in CORS_WRITE_ORIGINS";
        response.getOutputStream().write(JSON.writeValueAsBytes(java.util.Map.of("error", "forbidden", "message", message)));
    }

    private static String normalise(String origin) {
        String o = origin.strip();
        while (o.endsWith("/")) o = o.substring(0, o.length() - 1);
        return o.toLowerCase(Locale.ROOT);
    }
}
