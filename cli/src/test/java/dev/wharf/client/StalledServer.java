package dev.wharf.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A server on loopback that accepts every connection, reads the request head, optionally writes
 * {@code prefix} (e.g. response headers and half a body), and then never says another word: the
 * stalled registry a client must not hang on.
 */
final class StalledServer implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] prefix;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    StalledServer(String prefix) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.prefix = prefix.getBytes(StandardCharsets.ISO_8859_1);
        this.acceptor = Thread.ofPlatform().daemon().name("stalled-server").start(this::accept);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    synchronized int connections() {
        return held.size();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                synchronized (this) {
                    held.add(s);
                }
                readHead(s.getInputStream());
                s.getOutputStream().write(prefix);
                s.getOutputStream().flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads up to the blank line that ends the request head, so the client has sent its request. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) >= 0; ) matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }

    @Override
    public synchronized void close() throws IOException {
        socket.close();
        for (Socket s : held) s.close();
    }
}
