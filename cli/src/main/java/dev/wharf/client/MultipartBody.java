package dev.wharf.client;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;

/**
 * The publish request body as Run's client (reqwest) builds it: each text field as a
 * {@code form-data} part with no content type (so UTF-8 without a charset), then the file as
 * {@code component} with {@code application/wasm}. The file is streamed from disk, never held
 * in memory, and the bytes that leave are counted for the progress bar.
 */
final class MultipartBody {

    private final String boundary = "wharf-" + UUID.randomUUID().toString().replace("-", "");
    private final BodyPublisher publisher;
    private final long length;

    MultipartBody(Map<String, String> fields, String fileField, String fileName, Path file, TransferProgress progress,
            Runnable moved) throws FileNotFoundException {
        StringBuilder head = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(field.getKey()).append("\"\r\n\r\n")
                    .append(field.getValue()).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"").append(fileName.replace("\"", "")).append("\"\r\n")
                .append("Content-Type: application/wasm\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        BodyPublisher all = BodyPublishers.concat(
                BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)),
                BodyPublishers.ofFile(file),
                BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
        this.length = all.contentLength();
        this.publisher = new Counting(all, progress, moved);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    long length() {
        return length;
    }

    HttpRequest.BodyPublisher publisher() {
        return publisher;
    }

    /**
     * Passes the body through unchanged, reporting each buffer's size as it is handed to the
     * socket, and telling {@code moved} (the idle timeout's clock) that bytes are flowing.
     */
    private record Counting(BodyPublisher inner, TransferProgress progress, Runnable moved) implements BodyPublisher {
        @Override
        public long contentLength() {
            return inner.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            inner.subscribe(new Flow.Subscriber<>() {
                @Override public void onSubscribe(Flow.Subscription s) { subscriber.onSubscribe(s); }
                @Override public void onNext(ByteBuffer item) {
                    progress.advanced(item.remaining());
                    moved.run();
                    subscriber.onNext(item);
                }
                @Override public void onError(Throwable t) { subscriber.onError(t); }
                @Override public void onComplete() { subscriber.onComplete(); }
            });
        }
    }
}
