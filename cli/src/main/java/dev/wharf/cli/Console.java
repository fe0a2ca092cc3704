package dev.wharf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wharf.client.TransferProgress;
import java.io.PrintStream;
import java.lang.reflect.Method;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Where the command writes: results on stdout, errors and warnings on stderr. Transfers draw a
 * progress bar when stdout is a terminal and print one plain line each otherwise.
 */
public record Console(PrintStream out, PrintStream err, boolean terminal) {

    public static Console system() {
        return new Console(System.out, System.err, stdoutIsTerminal());
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void warn(String message) {
        err.println("warning: " + message);
    }

    /** A remark that is no failure, e.g. a dependency skipped because no registry serves it. */
    public void note(String message) {
        err.println("note: " + message);
    }

    /** {@code --json}: the whole answer as one JSON document on stdout (warnings stay on stderr). */
    public void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps, lists and records always serialise", e);
        }
    }

    public TransferProgress progress() {
        return terminal ? new Bar() : new Lines();
    }

    /** On JDK 22+ {@code System.console()} exists even when redirected; {@code isTerminal()} tells. */
    private static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format("%.1f KiB", n / 1024.0);
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }

    private final class Lines implements TransferProgress {
        private String label;
        private long moved;

        @Override public void started(String label, long totalBytes) {
            this.label = label;
            this.moved = 0;
        }

        @Override public void advanced(long bytes) {
            moved += bytes;
        }

        @Override public void finished() {
            if (label == null) return;
            String verb = label.startsWith("upload ") ? "uploaded " + label.substring(7)
                    : label.startsWith("download ") ? "downloaded " + label.substring(9) : label;
            out.println("  " + verb + " (" + bytes(moved) + ")");
            label = null;
        }
    }

    private final class Bar implements TransferProgress {
        private ProgressBar bar;

        @Override public void started(String label, long totalBytes) {
            bar = new ProgressBarBuilder()
                    .setTaskName(label)
                    .setInitialMax(totalBytes > 0 ? totalBytes : -1)
                    .setUnit(" KiB", 1024)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(100)
                    .build();
        }

        @Override public void advanced(long bytes) {
            if (bar != null) bar.stepBy(bytes);
        }

        @Override public void finished() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
