package dev.wharf.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.PostBodyTask;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/blob-gc} on the admin port ({@code ops/wharf gc}): one collection now, its report as JSON. */
public final class BlobGcTask extends PostBodyTask {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlobCollection collection;

    public BlobGcTask(BlobCollection collection) {
        super("blob-gc");
        this.collection = collection;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, String body, PrintWriter output) throws Exception {
        try {
            output.println(JSON.writeValueAsString(collection.collect()));
        } catch (BlobCollection.Behind e) {
            output.println(JSON.writeValueAsString(Map.of("error", "behind", "message", e.getMessage())));
        }
    }
}
