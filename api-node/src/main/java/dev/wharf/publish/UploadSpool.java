package dev.wharf.publish;

import dev.wharf.registry.PublishForm;

import dev.wharf.domain.Sha256;
import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import dev.wharf.errors.LogSafe;
import jakarta.servlet.http.HttpServletRequest;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Streams a multipart publish to a temporary file, hashing as it goes, and stops reading the
 * moment the upload passes the size limit. Nothing of the upload is ever held whole in memory.
 */
public final class UploadSpool implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSpool.class);

    /**
     * A spool file untouched this long belongs to no publish: a body still arriving is written at
     * least every few seconds (the connector's minimum data rate), and a received one is deleted
     * within the append and ack timeouts (15 s + 10 s) of its publish.
     */
    static final Duration STALE = Duration.ofMinutes(15);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    static final Set<String> FILE_FIELDS = Set.of("component", "artifact");
    private static final int MAX_TEXT_FIELD = 64 * 1024;
    private static final int MAX_PARTS = 32;

    private static final Duration DRAIN_TIME = Duration.ofSeconds(10);

    private final Path directory;
    private final long maxBytes;

    private ScheduledExecutorService sweeper;

    /** Clears the spool: before the node serves, no upload is in flight, so whatever is here a crash left (issue 14). */
    public UploadSpool(Path directory, long maxBytes) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
        int left = sweep(Duration.ZERO);
        if (left > 0) LOG.info("removed {} upload(s) left in the spool by the last run", left);
    }

    @Override
    public void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spool-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> sweep(STALE), SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (sweeper != null) sweeper.shutdownNow();
    }

    /** Deletes spool files not modified for {@code olderThan}; answers how many went. */
    public int sweep(Duration olderThan) {
        long cutoff = System.currentTimeMillis() - olderThan.toMillis();
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toMillis() <= cutoff && Files.deleteIfExists(file)) removed++;
                } catch (IOException goneOrBusy) {
                    // Deleted by its publish meanwhile, or not deletable now: the next sweep retries.
                }
            }
        } catch (IOException e) {
            LOG.warn("could not sweep the upload spool {}: {}", directory, e.toString());
        }
        return removed;
    }

    /** The spool directory (tests and the fuzzer check it is empty between publishes). */
    public Path directory() {
        return directory;
    }

    /** Reads the request; the caller deletes {@link PublishForm#file()} when done. */
    public PublishForm receive(HttpServletRequest request) {
        InputStream body;
        try {
            body = request.getInputStream();
        } catch (IOException e) {
            throw new InvalidInput("the upload could not be read");
        }
        // The raw header: Jetty's getContentType() throws UnsupportedCharsetException for charset=x.
        return receive(request.getHeader("Content-Type"), request.getContentLengthLong(), body);
    }

    /**
     * Reads a form from any stream: the servlet request's, or a property test's bytes. The
     * caller deletes {@link PublishForm#file()} when done.
     */
    public PublishForm receive(String contentType, long declared, InputStream body) {
        if (declared > maxBytes + MAX_TEXT_FIELD * 4L) throw tooLarge();
        FormContentType.parse(contentType);
        RequestContext form = new RequestContext() {
            @Override
            public String getCharacterEncoding() {
                return StandardCharsets.UTF_8.name(); // FormContentType refused any other charset
            }

            @Override
            public long getContentLength() {
                return declared;
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public InputStream getInputStream() {
                return body;
            }

            @Override
            public boolean isMultipartRelated() {
                return false;
            }
        };
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setMaxFileSize(maxBytes);
        upload.setMaxSize(maxBytes + MAX_TEXT_FIELD * 4L);
        upload.setMaxPartHeaderSize(8 * 1024);
        upload.setMaxFileCount(MAX_PARTS);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        Path file = null;
        Sha256 sha = null;
        long size = 0;
        try {
            FileItemInputIterator items = upload.getItemIterator(form);
            int parts = 0;
            while (items.hasNext()) {
                if (++parts > MAX_PARTS) throw new InvalidInput("too many parts in the form");
                FileItemInput item = items.next();
                String field = item.getFieldName();
                if (field != null && FILE_FIELDS.contains(field)) {
                    if (file != null) throw new InvalidInput("send the file once, as 'component' or 'artifact'");
                    file = Files.createTempFile(directory, "upload-", ".wasm");
                    MessageDigest digest = sha256();
                    try (InputStream in = new DigestInputStream(item.getInputStream(), digest);
                         OutputStream out = Files.newOutputStream(file)) {
                        size = in.transferTo(out);
                    }
                    if (size > maxBytes) throw tooLarge();
                    sha = Sha256.of(digest.digest());
                } else if (field != null && item.isFormField()) {
                    fields.put(field, text(item));
                } else {
                    item.getInputStream().transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (FileUploadSizeException e) {
            deleteQuietly(file);
            throw tooLarge();
        } catch (Refusal e) {
            deleteQuietly(file);
            throw e;
        } catch (FileUploadException e) {
            deleteQuietly(file);
            throw new InvalidInput("malformed multipart body: " + LogSafe.clip(e.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // FileUpload's own parsing of part headers (charsets, odd Content-Types inside parts).
            deleteQuietly(file);
            throw new InvalidInput("malformed multipart body");
        } catch (IOException e) {
            deleteQuietly(file);
            // FileUpload wraps its limit errors in IOExceptions while streaming.
            if (hasCause(e, FileUploadSizeException.class)) throw tooLarge();
            throw new InvalidInput("the upload could not be read: " + LogSafe.clip(e.getMessage()));
        } catch (RuntimeException e) {
            // Jetty's 408 for a body below the minimum data rate, among others: ErrorMappers answers it.
            deleteQuietly(file);
            throw e;
        }
        if (file == null) throw new InvalidInput("missing file: send it as the multipart field 'component' (or 'artifact')");
        return new PublishForm(fields, file, sha, size);
    }

    /**
     * Reads and drops what is left of a refused upload, so the client hears the refusal. A server
     * that closes a connection with unread bytes in it resets the connection, and a client still
     * sending loses the answer with it. Bounded: at most twice the upload limit and
     * {@link #DRAIN_TIME}; anything larger is cut off as before.
     */
    public void discardRest(InputStream in, long declaredLength) {
        long budget = 2 * maxBytes + MAX_TEXT_FIELD * 4L;
        if (declaredLength > budget) return;
        long started = System.nanoTime();
        long deadline = started + DRAIN_TIME.toNanos();
        byte[] sink = new byte[64 * 1024];
        try {
            for (long read = 0; read <= budget && System.nanoTime() < deadline; ) {
                int n = in.read(sink);
                if (n < 0) return;
                read += n;
                // A client trickling its body would hold this thread for all of DRAIN_TIME: 1,068
                // refused slow publishes of ops/slow-bodies, drained at once, used up the node's
                // virtual-thread permits and held a /health probe for 10 s. Past its first second,
                // a body slower than 2 KiB/s is not worth waiting for.
                long elapsedMs = (System.nanoTime() - started) / 1_000_000L;
                if (elapsedMs > 1_000 && read < 2 * elapsedMs) return;
            }
        } catch (IOException | RuntimeException gone) {
            // The client went away, or Jetty cut a body slower than the minimum data rate.
        }
    }

    private Refusal tooLarge() {
        return new Refusal.TooLarge("upload is larger than the limit of " + (maxBytes / (1024 * 1024)) + " MB");
    }

    private static String text(FileItemInput item) throws IOException {
        byte[] bytes;
        try (InputStream in = item.getInputStream()) {
            bytes = in.readNBytes(MAX_TEXT_FIELD + 1);
        }
        if (bytes.length > MAX_TEXT_FIELD) throw new InvalidInput("field '" + item.getFieldName() + "' is longer than 64 KiB");
        try {
            // The Run client sends text parts with no charset: they are UTF-8.
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput("field '" + item.getFieldName() + "' is not valid UTF-8");
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stray temp file is swept within STALE, and the spool is cleared on start.
        }
    }
}
