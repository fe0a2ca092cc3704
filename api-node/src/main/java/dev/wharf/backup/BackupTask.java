package dev.wharf.backup;

import dev.wharf.ports.BlobStore;
import dev.wharf.kafka.KafkaSettings;
import io.dropwizard.servlets.tasks.PostBodyTask;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/backup?dir=/absolute/path} on the admin port ({@code ops/wharf backup DIR}):
 * a consistent backup of the running registry, written by the node itself, which knows where its
 * log and its blobs are. The directory is on the node's machine.
 */
public final class BackupTask extends PostBodyTask {

    private final KafkaSettings kafka;
    private final BlobStore blobs;

    public BackupTask(KafkaSettings kafka, BlobStore blobs) {
        super("backup");
        this.kafka = kafka;
        this.blobs = blobs;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, String body, PrintWriter output) throws Exception {
        List<String> dir = parameters.get("dir");
        if (dir == null || dir.size() != 1 || !Path.of(dir.getFirst()).isAbsolute()) {
            throw new IllegalArgumentException("give one absolute directory: POST /tasks/backup?dir=/path/to/new/dir");
        }
        output.println(Backup.JSON.writeValueAsString(Backup.write(kafka, blobs, Path.of(dir.getFirst()))));
    }
}
