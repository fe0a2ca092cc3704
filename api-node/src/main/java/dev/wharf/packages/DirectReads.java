package dev.wharf.packages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.domain.Sha256;
import dev.wharf.domain.VersionRecord;
import dev.wharf.metrics.RegistryMetrics;
import dev.wharf.registry.PackageReads;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * The three hottest reads answered before Jersey: a version's metadata, a package's versions and
 * a component download, all plain GETs without a query. The BEFORE profile of issue #12 put
 * Jersey's and Dropwizard's per-request machinery in 55–69% of a metadata answer's CPU, for a
 * route whose answer is a few hundred bytes kept in memory ({@link MetadataAnswers}).
 *
 * <p>This filter only ever answers with success (200, 206, 304) and the same headers and bytes
 * as {@link PackagesResource} and {@link ArtifactResource}: anything else — an unknown package,
 * an odd path or encoding, a query, {@code Accept} without JSON, a range it would refuse, a blob
 * that is not a local file, a store that is down — goes on to Jersey, which answers it exactly as
 * before (404, 416, 503 …). It runs after the CORS filter, so every answer carries CORS headers.
 * It is not installed when a per-address rate limit is configured: that limit is a Jersey filter
 * and must see every request.
 */
public final class DirectReads implements Filter {

    private static final String META = "/api/v1/packages/";
    private static final String ARTIFACT = "/packages/";
    private static final String ARTIFACT_FILE = "/artifact.wasm";
    private static final String META_ROUTE = "/api/v1/packages/{path}";
    private static final String ARTIFACT_ROUTE = "/packages/{path}/artifact.wasm";
    private static final String IMMUTABLE = ArtifactResource.IMMUTABLE;

    private final MetadataAnswers answers;
    private final PackageReads reads;
    private final MappedArtifacts artifacts;
    private final DownloadCounter downloads;
    private final RegistryMetrics metrics;
    // Which blob holds a version never changes once published (and yanked versions still
    // download), so name@version -> blob is kept without invalidation; ~250 B an entry.
    private final Cache<String, Located> located = Caffeine.newBuilder().maximumSize(50_000).build();

    private record Located(String name, String version, Sha256 sha256, long size) {}

    /** {@code artifacts} is null when the blob store is not local files (S3: downloads stay with Jersey and its presigned redirects). */
    public DirectReads(MetadataAnswers answers, PackageReads reads, dev.wharf.ports.BlobStore localBlobs,
                       DownloadCounter downloads, RegistryMetrics metrics) {
        this.answers = answers;
        this.reads = reads;
        this.artifacts = localBlobs == null ? null : new MappedArtifacts(localBlobs);
        this.downloads = downloads;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && "GET".equals(request.getMethod()) && request.getQueryString() == null) {
            long started = System.nanoTime();
            String uri = request.getRequestURI();
            if (uri.startsWith(META) && acceptsJson(request) && metadata(uri.substring(META.length()), response)) {
                metrics.read(META_ROUTE, System.nanoTime() - started);
                return;
            }
            if (artifacts != null && uri.startsWith(ARTIFACT) && uri.endsWith(ARTIFACT_FILE) && uri.length() > ARTIFACT.length() + ARTIFACT_FILE.length()
                    && artifact(uri.substring(ARTIFACT.length(), uri.length() - ARTIFACT_FILE.length()), request, response)) {
                metrics.read(ARTIFACT_ROUTE, System.nanoTime() - started);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    private boolean metadata(String rawPath, HttpServletResponse response) throws IOException {
        String path = decoded(rawPath);
        int slash = path == null ? -1 : path.lastIndexOf('/');
        if (slash <= 0) return false;
        String name = path.substring(0, slash);
        String last = path.substring(slash + 1);
        byte[] answer;
        try {
            answer = last.equals("versions") ? answers.versions(name) : answers.meta(name, last);
        } catch (RuntimeException refusedOrDown) {
            return false; // Jersey answers it: 404 for a refusal, 503 for a store that is down
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        return true;
    }

    private boolean artifact(String rawPath, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = decoded(rawPath);
        int slash = path == null ? -1 : path.lastIndexOf('/');
        if (slash <= 0) return false;
        String name = path.substring(0, slash);
        String version = path.substring(slash + 1);
        Located v;
        Optional<ByteBuffer> bytes;
        try {
            v = located.get(name + "@" + version, key -> {
                VersionRecord found = reads.version(name, version);
                // Parsed once: Sha256 checks its text with a pattern (3.5% of a download's CPU per request).
                return new Located(found.name(), found.version(), new Sha256(found.sha256()), found.size());
            });
            bytes = artifacts.bytes(v.sha256(), v.size());
        } catch (RuntimeException | IOException refusedOrMissing) {
            return false;
        }
        if (bytes.isEmpty()) return false;
        String etag = "\"" + v.sha256().hex() + "\"";
        if (ArtifactResource.revalidates(request.getHeader("If-None-Match"), v.sha256().hex())) {
            response.setStatus(304);
            response.setHeader("ETag", etag);
            response.setHeader("Cache-Control", IMMUTABLE);
            return true;
        }
        ByteRange asked = ByteRange.of(request.getHeader("Range"), v.size());
        ByteBuffer body = bytes.get();
        if (asked instanceof ByteRange.Unsatisfiable) return false;
        if (asked instanceof ByteRange.Partial p) {
            body.limit(Math.toIntExact(p.last() + 1)).position(Math.toIntExact(p.first()));
            response.setStatus(206);
            response.setHeader("Content-Range", p.contentRange());
        } else {
            response.setStatus(200);
        }
        if (body.position() == 0) downloads.count(v.name(), v.version());
        response.setContentType("application/wasm");
        response.setContentLengthLong(body.remaining());
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", IMMUTABLE);
        response.setHeader("Accept-Ranges", "bytes");
        ServletOutputStream out = response.getOutputStream();
        if (out instanceof HttpOutput jetty) {
            jetty.sendContent(body.slice());
        } else {
            Channels.newChannel(out).write(body);
        }
        return true;
    }

    private static boolean acceptsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept == null || accept.contains("json") || accept.contains("*/*");
    }

    /**
     * The path as Jersey's {@code @PathParam} decodes it, for the characters names and versions are
     * made of, {@code %3A} ({@code :}) and {@code %2F} ({@code /}); null for anything else (other
     * escapes, dot segments, empty segments), which Jersey then decodes and answers itself.
     */
    static String decoded(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) return null;
                char hi = raw.charAt(i + 1);
                char lo = Character.toUpperCase(raw.charAt(i + 2));
                if (hi == '3' && lo == 'A') out.append(':');
                else if (hi == '2' && lo == 'F') out.append('/');
                else return null;
                i += 2;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                    || c == '-' || c == '.' || c == '_' || c == ':' || c == '/' || c == '+') {
                out.append(c);
            } else {
                return null;
            }
        }
        String path = out.toString();
        if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) return null;
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) return null;
        }
        return path;
    }
}
