package dev.wharf.packages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.cors.CrossOrigin;
import dev.wharf.domain.Sha256;
import dev.wharf.domain.VersionRecord;
import dev.wharf.metrics.RegistryMetrics;
import dev.wharf.registry.PackageReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;

/**
 * The three hottest reads — a version's metadata, a package's versions, a component download —
 * answered by a Jetty handler in front of Dropwizard's whole chain (gzip, routing, metrics,
 * servlets, Jersey), on the thread that parsed the request when the answer is in memory.
 *
 * <p>Why in front, and why on that thread: after the servlet filter that answered them before
 * Jersey (issue #12), the JFR profile of a metadata GET still put most of its CPU outside the
 * answer — Dropwizard's instrumented handler and the servlet layer, and the hand-off of every
 * request to a new virtual thread. This handler is declared non-blocking, so Jetty runs it where
 * the request was read; it answers from memory and hands everything else — a miss that must
 * read the store, every other route, the admin port — to a virtual thread, exactly where Jetty
 * would have run it, so the rest of the node sees no difference.
 *
 * <p>It only ever answers with success (200, 206, 304) and the same headers and bytes as
 * {@link PackagesResource} and {@link ArtifactResource}, with the CORS headers of a read: anything
 * else — an unknown package, an odd path or encoding, a query, {@code Accept} without JSON, a
 * client that takes gzip for an answer the gzip handler would compress, a range it would refuse, a
 * blob that is not a local file, a store that is down — goes on to Jersey, which answers it
 * exactly as before (404, 416, 503 …). The request log still has every request (it is Jetty's,
 * kept by the server); Dropwizard's per-handler request metrics do not count these, the registry's
 * own read timings ({@code wharf_read_seconds}) do. It is not installed when a per-address rate
 * limit is configured: that limit is a Jersey filter and must see every request.
 */
public final class HotReads extends Handler.Wrapper {

    private static final String META = "/api/v1/packages/";
    private static final String ARTIFACT = "/packages/";
    private static final String ARTIFACT_FILE = "/artifact.wasm";
    private static final String META_ROUTE = "/api/v1/packages/{path}";
    private static final String ARTIFACT_ROUTE = "/packages/{path}/artifact.wasm";
    /** Dropwizard's gzip handler compresses answers from 256 bytes (its minimumEntitySize). */
    private static final int GZIP_FROM = 256;
    private static final String APPLICATION_CONNECTOR = "application";

    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField WASM = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/wasm");
    private static final HttpField IMMUTABLE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, ArtifactResource.IMMUTABLE);
    private static final HttpField RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    private static final HttpField ANY_ORIGIN = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    private static final HttpField EXPOSED = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, CrossOrigin.EXPOSED);

    private final MetadataAnswers answers;
    private final PackageReads reads;
    private final MappedArtifacts artifacts;
    private final DownloadCounter downloads;
    private final RegistryMetrics metrics;
    // Which blob holds a version never changes once published (and yanked versions still
    // download), so name@version -> blob is kept without invalidation; ~250 B an entry.
    private final Cache<String, Located> located = Caffeine.newBuilder().maximumSize(50_000).build();
    private Executor blocking;

    private record Located(String name, String version, Sha256 sha256, long size, Path file) {}

    /** What one attempt at a hot read came to. */
    private enum Outcome { ANSWERED, NOT_HOT, NEEDS_BLOCKING }

    /** {@code localBlobs} is null when the blob store is not local files (S3: downloads stay with Jersey and its presigned redirects). */
    public HotReads(MetadataAnswers answers, PackageReads reads, dev.wharf.ports.BlobStore localBlobs,
                    DownloadCounter downloads, RegistryMetrics metrics) {
        this.answers = answers;
        this.reads = reads;
        this.artifacts = localBlobs == null ? null : new MappedArtifacts(localBlobs);
        this.downloads = downloads;
        this.metrics = metrics;
    }

    /** Puts this handler in front of {@code server}'s; called while the server is starting, before its handlers start. */
    public void install(Server server) {
        blocking = VirtualThreads.getExecutor(server.getThreadPool());
        Handler chain = server.getHandler();
        server.setHandler(this);
        setHandler(chain);
    }

    /** Jetty runs a non-blocking handler on the thread that read the request, with no hand-off. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Outcome outcome = Outcome.NOT_HOT;
        if (hotCandidate(request)) outcome = answer(request, response, callback, false);
        switch (outcome) {
            case ANSWERED -> { }
            case NOT_HOT -> blocking.execute(() -> next(request, response, callback));
            case NEEDS_BLOCKING -> blocking.execute(() -> {
                if (answer(request, response, callback, true) != Outcome.ANSWERED) next(request, response, callback);
            });
        }
        return true;
    }

    /** The rest of the chain, on a thread that may block, as Jetty itself would call it. */
    private void next(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) Response.writeError(request, response, callback, 404);
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }

    private static boolean hotCandidate(Request request) {
        return "GET".equals(request.getMethod()) && request.getHttpURI().getQuery() == null
                && APPLICATION_CONNECTOR.equals(request.getConnectionMetaData().getConnector().getName());
    }

    private Outcome answer(Request request, Response response, Callback callback, boolean mayBlock) {
        long started = System.nanoTime();
        String uri = request.getHttpURI().getPath();
        Outcome outcome = Outcome.NOT_HOT;
        if (uri.startsWith(META)) {
            outcome = metadata(uri.substring(META.length()), request, response, callback, mayBlock);
            if (outcome == Outcome.ANSWERED) metrics.read(META_ROUTE, System.nanoTime() - started);
        } else if (artifacts != null && uri.startsWith(ARTIFACT) && uri.endsWith(ARTIFACT_FILE)
                && uri.length() > ARTIFACT.length() + ARTIFACT_FILE.length()) {
            outcome = artifact(uri.substring(ARTIFACT.length(), uri.length() - ARTIFACT_FILE.length()), request, response, callback, mayBlock);
            if (outcome == Outcome.ANSWERED) metrics.read(ARTIFACT_ROUTE, System.nanoTime() - started);
        }
        return outcome;
    }

    private Outcome metadata(String rawPath, Request request, Response response, Callback callback, boolean mayBlock) {
        HttpFields headers = request.getHeaders();
        if (!acceptsJson(headers.get(HttpHeader.ACCEPT))) return Outcome.NOT_HOT;
        String path = decoded(rawPath);
        int slash = path == null ? -1 : path.lastIndexOf('/');
        if (slash <= 0) return Outcome.NOT_HOT;
        String name = path.substring(0, slash);
        String last = path.substring(slash + 1);
        boolean versions = last.equals("versions");
        byte[] answer = versions ? answers.cachedVersions(name) : answers.cachedMeta(name, last);
        if (answer == null) {
            if (!mayBlock) return Outcome.NEEDS_BLOCKING;
            try {
                answer = versions ? answers.versions(name) : answers.meta(name, last);
            } catch (RuntimeException refusedOrDown) {
                return Outcome.NOT_HOT; // Jersey answers it: 404 for a refusal, 503 for a store that is down
            }
        }
        if (answer.length >= GZIP_FROM && takesGzip(headers)) return Outcome.NOT_HOT;
        response.setStatus(200);
        HttpFields.Mutable out = response.getHeaders();
        out.put(JSON);
        out.put(HttpHeader.CONTENT_LENGTH, answer.length);
        crossOrigin(headers, out);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return Outcome.ANSWERED;
    }

    private Outcome artifact(String rawPath, Request request, Response response, Callback callback, boolean mayBlock) {
        String path = decoded(rawPath);
        int slash = path == null ? -1 : path.lastIndexOf('/');
        if (slash <= 0) return Outcome.NOT_HOT;
        String name = path.substring(0, slash);
        String version = path.substring(slash + 1);
        String key = name + "@" + version;
        Located v = located.getIfPresent(key);
        if (v == null && !mayBlock) return Outcome.NEEDS_BLOCKING;
        try {
            if (v == null) {
                VersionRecord found = reads.version(name, version);
                // Parsed once: Sha256 checks its text with a pattern (3.5% of a download's CPU per request).
                Sha256 sha = new Sha256(found.sha256());
                Optional<Path> file = artifacts.fileOf(sha);
                if (file.isEmpty()) return Outcome.NOT_HOT;
                v = new Located(found.name(), found.version(), sha, found.size(), file.get());
                located.put(key, v);
            }
        } catch (RuntimeException refused) {
            return Outcome.NOT_HOT;
        }
        HttpFields headers = request.getHeaders();
        String etag = "\"" + v.sha256().hex() + "\"";
        HttpFields.Mutable out = response.getHeaders();
        if (ArtifactResource.revalidates(headers.get(HttpHeader.IF_NONE_MATCH), v.sha256().hex())) {
            response.setStatus(304);
            out.put(HttpHeader.ETAG, etag);
            out.put(IMMUTABLE);
            crossOrigin(headers, out);
            callback.succeeded();
            return Outcome.ANSWERED;
        }
        ByteRange asked = ByteRange.of(headers.get(HttpHeader.RANGE), v.size());
        if (asked instanceof ByteRange.Unsatisfiable) return Outcome.NOT_HOT;
        Optional<MappedArtifacts.Body> body;
        try {
            // A component up to 1 MiB is one read of the page cache here, as nginx reads it on
            // its event loop; a larger one is a mapping kept in memory (MappedArtifacts).
            body = artifacts.body(v.sha256(), v.file(), v.size(), request.getComponents().getByteBufferPool());
        } catch (RuntimeException | IOException missing) {
            return Outcome.NOT_HOT;
        }
        if (body.isEmpty()) return Outcome.NOT_HOT;
        ByteBuffer bytes = body.get().bytes();
        if (asked instanceof ByteRange.Partial p) {
            bytes.limit(Math.toIntExact(p.last() + 1)).position(Math.toIntExact(p.first()));
            response.setStatus(206);
            out.put(HttpHeader.CONTENT_RANGE, p.contentRange());
        } else {
            response.setStatus(200);
        }
        if (bytes.position() == 0) downloads.count(v.name(), v.version());
        out.put(WASM);
        out.put(HttpHeader.CONTENT_LENGTH, bytes.remaining());
        out.put(HttpHeader.ETAG, etag);
        out.put(IMMUTABLE);
        out.put(RANGES);
        crossOrigin(headers, out);
        response.write(true, bytes.slice(), Callback.from(callback, body.get().written()));
        return Outcome.ANSWERED;
    }

    /** What {@link CrossOrigin} adds to a read that names its origin. */
    private static void crossOrigin(HttpFields request, HttpFields.Mutable out) {
        if (request.contains(HttpHeader.ORIGIN)) {
            out.put(ANY_ORIGIN);
            out.put(EXPOSED);
        }
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.contains("json") || accept.contains("*/*");
    }

    private static boolean takesGzip(HttpFields request) {
        for (HttpField field : request.getFields(HttpHeader.ACCEPT_ENCODING)) {
            if (field.getValue().contains("gzip")) return true;
        }
        return false;
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
