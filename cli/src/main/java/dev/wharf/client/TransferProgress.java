package dev.wharf.client;

/** Told about the bytes of one download or upload as they move, to draw a progress bar. */
public interface TransferProgress {

    void started(String label, long totalBytes);

    void advanced(long bytes);

    void finished();

    TransferProgress NONE = new TransferProgress() {
        @Override public void started(String label, long totalBytes) {}
        @Override public void advanced(long bytes) {}
        @Override public void finished() {}
    };
}
