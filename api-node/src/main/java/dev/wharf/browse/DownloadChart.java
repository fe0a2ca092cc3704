package dev.wharf.browse;

import dev.wharf.downloads.DownloadHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Downloads per day as an SVG bar chart, stacked by the most downloaded versions (the rest as
 * "other"), drawn on the server: the page needs no script, and its CSP ({@code default-src
 * 'none'}) stays as strict, since inline SVG is markup and its colours are presentation
 * attributes, not style. Every text in it is escaped here; the template inserts it as is.
 */
public record DownloadChart(String svg, List<Legend> legend, long total) {

    /** A legend entry: a version (or "other"), its colour and its downloads over the period. */
    public record Legend(String label, String colour, long downloads) {
        public String swatch() {
            return DownloadChart.swatch(colour);
        }
    }

    /** Top versions get their own colour; more would be unreadable on a phone. */
    static final int TOP_VERSIONS = 5;
    // Okabe–Ito colours: told apart with the common colour-vision deficiencies.
    private static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9");
    private static final String OTHER = "#999999";
    private static final int WIDTH = 600;
    private static final int HEIGHT = 260;
    private static final int LEFT = 52;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 32;

    public static DownloadChart of(DownloadHistory.Daily daily) {
        Map<String, Long> byVersion = new HashMap<>();
        for (DownloadHistory.Day d : daily.days()) d.versions().forEach((v, n) -> byVersion.merge(v, n, Long::sum));
        List<String> top = byVersion.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_VERSIONS).map(Map.Entry::getKey).toList();
        long total = byVersion.values().stream().mapToLong(Long::longValue).sum();
        List<Legend> legend = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) legend.add(new Legend(top.get(i), COLOURS.get(i), byVersion.get(top.get(i))));
        long other = total - legend.stream().mapToLong(Legend::downloads).sum();
        if (other > 0) legend.add(new Legend("other", OTHER, other));

        List<DownloadHistory.Day> days = daily.days();
        long max = Math.max(1, days.stream().mapToLong(DownloadHistory.Day::total).max().orElse(0));
        long scaleTop = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = plotW / Math.max(1, days.size());
        double bar = Math.max(1, slot * 0.8);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"downloads-chart\" id=\"downloads-chart\" role=\"img\" ")
                .append("viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"100%\" ")
                .append("preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"downloads-chart-title\" ")
                .append("font-family=\"system-ui, sans-serif\" font-size=\"16\">");
        svg.append("<title id=\"downloads-chart-title\">").append(escape(String.format(Locale.ROOT,
                "Downloads per day, last %d days: %d in total", days.size(), total))).append("</title>");
        // Horizontal grid lines with their values: 0, half, top.
        for (long v : new long[] {0, scaleTop / 2, scaleTop}) {
            double y = TOP + plotH - plotH * v / scaleTop;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>",
                    LEFT, WIDTH - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555555\">%d</text>",
                    LEFT - 6, y + 4, v));
        }
        for (int i = 0; i < days.size(); i++) {
            DownloadHistory.Day day = days.get(i);
            if (day.total() == 0) continue;
            double x = LEFT + i * slot + (slot - bar) / 2;
            double base = TOP + plotH;
            StringBuilder tip = new StringBuilder(day.date()).append(": ").append(day.total());
            svg.append("<g class=\"day\">");
            long rest = day.total();
            for (int li = 0; li < legend.size(); li++) {
                Legend l = legend.get(li);
                // Past the top versions comes "other": what is left of the day.
                long n = li < top.size() ? day.versions().getOrDefault(l.label(), 0L) : rest;
                if (n <= 0) continue;
                rest -= n;
                double h = plotH * n / scaleTop;
                base -= h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>",
                        x, base, bar, h, l.colour()));
                tip.append(", ").append(l.label()).append(' ').append(n);
            }
            svg.append("<title>").append(escape(tip.toString())).append("</title></g>");
        }
        // Dates under the first, middle and last day.
        int[] marks = days.size() > 2 ? new int[] {0, days.size() / 2, days.size() - 1} : new int[] {0, days.size() - 1};
        String[] anchors = days.size() > 2 ? new String[] {"start", "middle", "end"} : new String[] {"start", "end"};
        for (int m = 0; m < marks.length && !days.isEmpty(); m++) {
            double x = anchors[m].equals("start") ? LEFT : anchors[m].equals("end") ? WIDTH - RIGHT : LEFT + (marks[m] + 0.5) * slot;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#555555\">%s</text>",
                    x, HEIGHT - 8, anchors[m], escape(days.get(marks[m]).date())));
        }
        svg.append("</svg>");
        return new DownloadChart(svg.toString(), List.copyOf(legend), total);
    }

    /** A small square of a legend entry's colour, as SVG (a styled span would need inline style). */
    public static String swatch(String colour) {
        return "<svg class=\"swatch\" viewBox=\"0 0 10 10\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\""
                + escape(colour) + "\"/></svg>";
    }

    /** 1, 2, 5 × 10ⁿ at or above {@code max}, so the axis reads in round numbers. */
    static long niceCeiling(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= max) return Math.max(2, m * step);
            }
            step *= 10;
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
