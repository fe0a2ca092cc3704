package dev.wharf.bench.cluster;

import dev.wharf.bench.standalone.PublishLoad;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One failure drill: a light publish load runs through the load balancer while one process of
 * the cluster is SIGKILLed, left down for a few seconds and started again
 * ({@code ops/local-cluster kill|start NAME}). Every answer is kept with when it was sent and
 * received, so the report can say how long after the restart publishes were acknowledged
 * (201) again, the longest stretch without any 201, and which statuses clients saw meanwhile.
 */
final class OutageDrill {

    /** One publish as the client saw it; status -1 when no HTTP answer came (refused, timeout). */
    record Answer(long sentMs, long doneMs, int status, String body) {}

    /** The drill's settings: who is killed, for how long, and how hard the load pushes. */
    record Plan(String process, List<String> clusterCommand, Duration before, Duration down, Duration settle,
                Duration limit, int publishers, Duration pause) {}

    private final PublishLoad load;
    private final Plan plan;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();

    OutageDrill(PublishLoad load, Plan plan) {
        this.load = load;
        this.plan = plan;
    }

    String run() throws Exception {
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < plan.publishers(); t++) {
            publishers.add(Thread.ofPlatform().name("drill-publisher-" + t).start(this::publishUntilStopped));
        }
        Thread.sleep(plan.before());
        long kill = System.currentTimeMillis();
        cluster("kill");
        long killed = System.currentTimeMillis();
        Thread.sleep(plan.down());
        long restart = System.currentTimeMillis();
        // A start can fail while the old process still holds its resources (a port, PostgreSQL's
        // shared memory); retry, since the drill must leave the cluster whole.
        int attempts = 0;
        boolean started = false;
        while (!started && System.currentTimeMillis() - restart < plan.limit().toMillis()) {
            attempts++;
            started = cluster("start") == 0;
            if (!started) Thread.sleep(1_000);
        }
        long startReturned = System.currentTimeMillis();
        long recovered = -1;
        while (System.currentTimeMillis() - restart < plan.limit().toMillis()) {
            recovered = answers.stream().filter(a -> a.status() == 201 && a.sentMs() >= restart)
                    .mapToLong(Answer::doneMs).min().orElse(-1);
            if (recovered >= 0) break;
            Thread.sleep(50);
        }
        Thread.sleep(plan.settle());
        running.set(false);
        for (Thread t : publishers) t.join();
        return report(kill, killed, restart, startReturned, attempts, started, recovered);
    }

    private void publishUntilStopped() {
        while (running.get()) {
            HttpRequest request = load.request(next.getAndIncrement());
            long sent = System.currentTimeMillis();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(sent, System.currentTimeMillis(), answer.statusCode(),
                        answer.statusCode() == 201 ? "" : answer.body()));
            } catch (IOException e) {
                answers.add(new Answer(sent, System.currentTimeMillis(), -1, e.toString()));
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(plan.pause());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int cluster(String verb) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(plan.clusterCommand());
        command.add(verb);
        command.add(plan.process());
        // Our stdout carries only the JSON line; the script's chatter goes to stderr.
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.err);
        int code = p.waitFor();
        System.err.printf("  %s %s: exit %d%n", verb, plan.process(), code);
        return code;
    }

    private String report(long kill, long killed, long restart, long startReturned, int attempts, boolean started, long recovered) {
        List<Answer> all = answers.stream().sorted(Comparator.comparingLong(Answer::doneMs)).toList();
        long end = recovered >= 0 ? recovered : Long.MAX_VALUE;
        Map<Integer, Long> before = new TreeMap<>();
        Map<Integer, Long> during = new TreeMap<>();
        Map<Integer, Long> after = new TreeMap<>();
        Map<Integer, List<String>> samples = new TreeMap<>();
        long previous201 = -1;
        long longestGap = 0;
        for (Answer a : all) {
            Map<Integer, Long> bucket = a.doneMs() < kill ? before : a.doneMs() <= end ? during : after;
            bucket.merge(a.status(), 1L, Long::sum);
            if (a.status() != 201) {
                List<String> s = samples.computeIfAbsent(a.status(), k -> new ArrayList<>());
                if (s.size() < 3) s.add(a.body().length() > 200 ? a.body().substring(0, 200) : a.body());
            }
            if (a.status() == 201) {
                if (previous201 >= 0 && a.doneMs() >= kill) longestGap = Math.max(longestGap, a.doneMs() - previous201);
                previous201 = a.doneMs();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", "outage");
        out.put("process", plan.process());
        out.put("kill_ms", killed - kill);
        out.put("down_ms", restart - killed);
        out.put("start_command_ms", startReturned - restart);
        out.put("start_attempts", attempts);
        out.put("started", started);
        out.put("recovery_ms", recovered >= 0 ? recovered - restart : -1);
        out.put("longest_without_201_ms", longestGap);
        out.put("publishes", all.size());
        out.put("before", before);
        out.put("during", during);
        out.put("after", after);
        out.put("samples", samples);
        return json(out);
    }

    static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
