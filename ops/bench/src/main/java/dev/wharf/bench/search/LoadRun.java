package dev.wharf.bench.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a query mix against one search method from a number of threads, bounded by a query
 * count and a time limit, and reports throughput and latency percentiles.
 */
final class LoadRun {

    /** One thread's way of answering a query; returns the total it found, so nothing is optimised away. */
    interface Worker extends AutoCloseable {
        long answer(QueryMix.Query query) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    interface Method {
        String name();

        Worker worker() throws Exception;
    }

    /**
     * {@code cpuMsPerQuery} is the whole process's CPU time over the run divided by the queries:
     * unlike wall-clock figures it does not depend on what else the machine is running.
     */
    record Result(String method, int threads, long queries, double seconds, double perSecond, double p50Ms, double p99Ms,
                  double maxMs, double cpuMsPerQuery) {
        String line() {
            return String.format("%-44s threads=%d queries=%7d  %9.1f q/s  p50 %8.3f ms  p99 %8.3f ms  max %8.1f ms  cpu %7.3f ms/q",
                    method, threads, queries, perSecond, p50Ms, p99Ms, maxMs, cpuMsPerQuery);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static Result run(Method method, List<QueryMix.Query> queries, int threads, long maxQueries, double maxSeconds)
            throws Exception {
        AtomicLong issued = new AtomicLong();
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        List<long[]> latencies = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[(int) Math.min(maxQueries, 5_000_000)];
            int[] n = new int[1];
            latencies.add(mine);
            counts.add(n);
            int offset = t * 7919;
            running.add(Thread.ofPlatform().start(() -> {
                try (Worker worker = method.worker()) {
                    long sink = 0;
                    for (int i = 0; ; i++) {
                        if (issued.incrementAndGet() > maxQueries || System.nanoTime() > deadline) break;
                        QueryMix.Query q = queries.get((offset + i) % queries.size());
                        long t0 = System.nanoTime();
                        sink += worker.answer(q);
                        mine[n[0]++] = System.nanoTime() - t0;
                    }
                    if (sink == Long.MIN_VALUE) System.out.print("");
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : running) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (processCpuNanos() - cpuStart) / 1e6;
        if (!failures.isEmpty()) throw new IllegalStateException(method.name() + " failed", failures.getFirst());
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies.get(t), 0, all, at, counts.get(t)[0]);
            at += counts.get(t)[0];
        }
        Arrays.sort(all);
        return new Result(method.name(), threads, total, seconds, total / seconds, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, total == 0 ? 0 : cpuMs / total);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
