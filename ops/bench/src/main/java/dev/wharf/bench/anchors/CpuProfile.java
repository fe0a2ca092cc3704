package dev.wharf.bench.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of a JFR recording went, from its {@code jdk.ExecutionSample} events (threads
 * caught running Java code): by thread group, the top frames (self), the methods and the
 * libraries present anywhere in the stack (inclusive; one count per sample), and the hottest
 * Wharf methods inclusive. Stacks are cut at JFR's default depth of 64 frames, so an inclusive
 * share of a frame near the root of a deep stack (Jetty's accept loop) is an underestimate.
 */
final class CpuProfile {

    private CpuProfile() {}

    static String summarise(Path jfr, Path out, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>(), inclusive = new HashMap<>(), libraries = new HashMap<>(),
                wharf = new HashMap<>(), threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) continue;
            samples++;
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(threadGroup(thread), 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.getFirst()), 1, Integer::sum);
            Set<String> seenMethods = new HashSet<>(), seenLibraries = new HashSet<>(), seenWharf = new HashSet<>();
            for (RecordedFrame f : frames) {
                String m = method(f);
                if (seenMethods.add(m)) inclusive.merge(m, 1, Integer::sum);
                String library = library(f);
                // java.lang holds Thread.run, at the root of every stack: it would top the list saying nothing
                if (!library.equals("java.lang") && seenLibraries.add(library)) libraries.merge(library, 1, Integer::sum);
                if (m.startsWith("dev.wharf.") && seenWharf.add(m)) wharf.merge(m, 1, Integer::sum);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("JFR ").append(jfr.getFileName()).append(": ").append(samples).append(" execution samples\n");
        table(s, "by thread (group)", threads, samples, top);
        table(s, "top frames (self)", self, samples, top);
        table(s, "libraries anywhere in the stack (inclusive)", libraries, samples, top);
        table(s, "Wharf methods (inclusive)", wharf, samples, top);
        table(s, "methods anywhere in the stack (inclusive)", inclusive, samples, top);
        Files.writeString(out, s.toString());
        return "{\"label\":\"profile\",\"samples\":" + samples + ",\"out\":\"" + out + "\"}";
    }

    private static void table(StringBuilder s, String title, Map<String, Integer> counts, int samples, int top) {
        s.append("\n-- ").append(title).append('\n');
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<String, Integer> row : rows.subList(0, Math.min(top, rows.size()))) {
            s.append(String.format(Locale.ROOT, "%6.1f%%  %6d  %s%n", 100.0 * row.getValue() / Math.max(1, samples), row.getValue(), row.getKey()));
        }
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The first three package segments of the frame's class ({@code org.eclipse.jetty}, {@code dev.wharf.api}). */
    private static String library(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        if (parts.length <= 1) return type;
        int n = Math.min(3, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOf(parts, n));
    }

    /** Thread names without their numbers: {@code dw-42 - GET /x} and {@code dw-7} are one group. */
    private static String threadGroup(String name) {
        String g = name.replaceAll(" - .*", "").replaceAll("[0-9]+", "N");
        return g.length() > 60 ? g.substring(0, 60) : g;
    }
}
