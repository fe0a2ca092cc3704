package dev.wharf.publish;

import dev.wharf.registry.PublishForm;

import dev.wharf.domain.Sha256;
import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Streams a multipart publish to a temporary file, hashing as it goes, and stops reading the
 * moment the upload passes the size limit. Nothing of the upload is ever held whole in memory.
 */
public final class UploadSpool {

    static final Set<String> FILE_FIELDS = Set.of("component", "artifact");
    private static final int MAX_TEXT_FIELD = 64 * 1024;
    private static final int MAX_PARTS = 32;

    private static final Duration DRAIN_TIME = Duration.ofSeconds(10);

    private final Path directory;
    private final long maxBytes;

    public UploadSpool(Path directory, long maxBytes) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
    }

    /** Reads the request; the caller deletes {@link PublishForm#file()} when done. */
    public PublishForm receive(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes + MAX_TEXT_FIELD * 4L) throw tooLarge();
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new Refusal.UnsupportedMedia("a publish is multipart/form-data");
        }
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
            FileItemInputIterator items = upload.getItemIterator(request);
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
            throw new InvalidInput("malformed multipart body: " + e.getMessage());
        } catch (IOException e) {
            deleteQuietly(file);
            // FileUpload wraps its limit errors in IOExceptions while streaming.
            if (hasCause(e, FileUploadSizeException.class)) throw tooLarge();
            throw new InvalidInput("the upload could not be read: " + e.getMessage());
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
        long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
        byte[] sink = new byte[64 * 1024];
        try {
            for (long read = 0; read <= budget && System.nanoTime() < deadline; ) {
                int n = in.read(sink);
                if (n < 0) return;
                read += n;
            }
        } catch (IOException gone) {
            // The client went away: nothing is left to drain.
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
            // A stray temp file is harmless; the spool directory is cleared on start.
        }
    }
}
