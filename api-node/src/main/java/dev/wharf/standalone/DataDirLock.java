package dev.wharf.standalone;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time owns a data directory: a second node or a {@code rebuild} on a
 * directory a running node uses would write the same Kafka log and SQLite file underneath
 * it. The OS releases the lock when the process dies, even by SIGKILL.
 */
public final class DataDirLock implements Managed, AutoCloseable {

    private final Path file;
    private FileChannel channel;
    private FileLock lock;

    private DataDirLock(Path dataDir) {
        this.file = new DataDir(dataDir).lockFile();
    }

    public static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        DataDirLock held = new DataDirLock(dataDir);
        held.channel = FileChannel.open(held.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            held.lock = held.channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held.lock = null;
        }
        if (held.lock == null) {
            held.channel.close();
            throw new IllegalStateException("another Wharf process is using " + dataDir
                    + " (a running registry?): stop it first, or use another DATA_DIR");
        }
        return held;
    }

    @Override
    public void stop() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (lock != null && lock.isValid()) lock.release();
        if (channel != null) channel.close();
    }
}
