package dev.wharf.metadata;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the verdicts an indexer commits in another process: the metadata projection notifies
 * {@link MetadataTransaction#VERDICT_CHANNEL} inside its transaction, and PostgreSQL delivers
 * the notification at commit. One connection per api-node, blocked in the driver until a
 * notification arrives, so a waiting publish learns its verdict the moment it is committed
 * without anyone polling the outcomes table. After (re)connecting, {@code resync} runs once,
 * since notifications sent while nobody listened are gone.
 */
public final class VerdictListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictListener.class);
    // How long one wait for notifications blocks before the loop checks whether to stop.
    private static final int WAIT_MILLIS = 1_000;

    private final String url;
    private final Properties credentials;
    private final Consumer<List<UUID>> decided;
    private final Runnable resync;
    private final Thread thread;
    private volatile boolean running = true;

    public VerdictListener(String url, String user, String password, Consumer<List<UUID>> decided, Runnable resync) {
        this.url = url;
        this.credentials = new Properties();
        if (user != null) credentials.setProperty("user", user);
        if (password != null) credentials.setProperty("password", password);
        this.decided = decided;
        this.resync = resync;
        this.thread = new Thread(this::run, "verdict-listener");
        this.thread.setDaemon(true);
    }

    public VerdictListener start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials);
                 Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + MetadataTransaction.VERDICT_CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                resync.run();
                while (running) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
                    if (notes == null || notes.length == 0) continue;
                    List<UUID> ids = new ArrayList<>(notes.length);
                    for (PGNotification note : notes) {
                        try {
                            ids.add(UUID.fromString(note.getParameter()));
                        } catch (IllegalArgumentException ignored) {
                            // Not ours: only the projection writes to this channel.
                        }
                    }
                    decided.accept(ids);
                }
            } catch (Exception e) {
                if (!running) return;
                LOG.warn("verdict listener lost its database connection ({}); reconnecting", e.toString());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
