package dev.wharf.fuzz;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 14's slow-body drill: {@code connections} publishes with a valid token, each sending one
 * byte of its body every {@code byteEvery}, while a prober reads /health, a package's metadata
 * and a search every 100 ms. The node must keep answering those reads within {@code readBound}
 * throughout. Loopback only.
 *
 * <pre>SlowBodies --url http://127.0.0.1:8080 --token T --connections 1100 --seconds 60 [--read-bound-ms 1000]</pre>
 */
public final class SlowBodies {

    public record Result(int connections, long probes, long slowProbes, long failedProbes, long maxProbeMillis,
                         long p99ProbeMillis, long bodiesCut, long bodiesStillOpen, Map<String, Long> probeMaxByPath) {
        public String summary() {
            return "slow-bodies=" + connections + " probes=" + probes + " over-bound=" + slowProbes + " failed=" + failedProbes
                    + " probe-max=" + maxProbeMillis + "ms probe-p99=" + p99ProbeMillis + "ms bodies-cut-by-node=" + bodiesCut
                    + " bodies-still-open=" + bodiesStillOpen + " max-by-path=" + probeMaxByPath;
        }
    }

    private SlowBodies() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        Result r = run(URI.create(o.get("url")), o.getOrDefault("token", ""), Integer.parseInt(o.getOrDefault("connections", "1100")),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "60"))), Duration.ofSeconds(5),
                o.getOrDefault("package", "fuzz:base-1"), Duration.ofMillis(Long.parseLong(o.getOrDefault("read-bound-ms", "1000"))));
        System.out.println("slow-bodies: " + r.summary());
        System.exit(r.slowProbes() == 0 && r.failedProbes() == 0 ? 0 : 1);
    }

    public static Result run(URI url, String token, int connections, Duration length, Duration byteEvery, String packageName,
                             Duration readBound) throws Exception {
        String host = url.getHost();
        int port = url.getPort();
        if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) throw new IllegalArgumentException("loopback only");
        String head = "POST /api/v1/packages HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=slow\r\nContent-Length: 1000000\r\n\r\n"
                + "--slow\r\nContent-Disposition: form-data; name=\"component\"; filename=\"c.wasm\"\r\n\r\n";
        List<Socket> sockets = new ArrayList<>();
        AtomicLong cut = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        List<Long> probes = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> maxByPath = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        String[] paths = {"/health", "/api/v1/packages/" + packageName + "/versions", "/api/v1/search?q=calc"};
        // One unmeasured request per path first: the bound is about slow bodies starving reads,
        // not a cold node's first search (its searcher and JIT warm-up took ~150 ms alone).
        for (String path : paths) {
            RawExchange.send(host, port, get(host, port, path), false, 30_000);
        }
        Thread prober = Thread.ofPlatform().name("prober").start(() -> {
            int i = 0;
            while (System.nanoTime() < end) {
                String path = paths[i++ % paths.length];
                RawExchange.Answer a = RawExchange.send(host, port, get(host, port, path), false, 30_000);
                long ms = a.nanos() / 1_000_000;
                if (!a.answered() || a.status() != 200) failed.incrementAndGet();
                probes.add(ms);
                maxByPath.merge(path, ms, Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        });
        try {
            // Open the connections in a burst, then trickle: one byte per connection per byteEvery.
            for (int i = 0; i < connections && System.nanoTime() < end; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(host, port), 5_000);
                    s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    sockets.add(s);
                } catch (IOException e) {
                    cut.incrementAndGet();
                    s.close();
                }
            }
            while (System.nanoTime() < end) {
                for (Socket s : sockets) {
                    if (s.isClosed()) continue;
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write('x');
                        out.flush();
                        if (s.getInputStream().available() > 0) {
                            cut.incrementAndGet(); // the node answered (408/429/503) and will close
                            s.close();
                        }
                    } catch (IOException closedByNode) {
                        cut.incrementAndGet();
                        s.close();
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(byteEvery.toNanos(), Math.max(0, end - System.nanoTime())));
            }
            prober.join();
        } finally {
            for (Socket s : sockets) s.close();
        }
        long open = sockets.stream().filter(s -> !s.isClosed()).count();
        long[] sorted;
        synchronized (probes) {
            sorted = probes.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long over = Arrays.stream(sorted).filter(ms -> ms > readBound.toMillis()).count();
        long p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))];
        return new Result(connections, sorted.length, over, failed.get(), sorted.length == 0 ? 0 : sorted[sorted.length - 1], p99,
                cut.get(), open, new TreeMap<>(maxByPath));
    }

    /** A probe: one GET on a connection of its own. */
    private static byte[] get(String host, int port, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
