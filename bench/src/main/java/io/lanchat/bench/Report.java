package io.lanchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Aggregates the results file: for every scenario (and sweep level, broadcast direction) the median of each
 * metric over the runs with its minimum and maximum, as Markdown; and the chart of added latency against
 * concurrent streams ({@code bench-results/bench-latency.png}, or the path given with --chart).
 */
final class Report {
    private Report() {
    }

    static void main(BenchOptions o) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(o.results)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = Results.JSON.readTree(line);
            if (o.label.isEmpty() || o.label.equals(node.path("label").asText())) {
                entries.add(node);
            }
        }
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode e : entries) {
            groups.computeIfAbsent(groupKey(e), k -> new ArrayList<>()).add(e);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<JsonNode>> group : groups.entrySet()) {
            List<JsonNode> runs = group.getValue();
            out.append("\n### ").append(group.getKey()).append(" (").append(runs.size()).append(" runs; load average ")
                    .append(range(runs.stream().map(r -> r.path("load1").asDouble()).toList()));
            List<Double> busy = runs.stream().filter(r -> r.has("busyBeforePercent"))
                    .map(r -> r.path("busyBeforePercent").asDouble()).toList();
            if (!busy.isEmpty()) {
                out.append("; CPU busy before each run ").append(range(busy)).append(" %");
            }
            out.append(")\n\n");
            out.append("| metric | median | min–max |\n|---|---|---|\n");
            Map<String, List<Double>> metrics = new LinkedHashMap<>();
            for (JsonNode run : runs) {
                for (Iterator<Map.Entry<String, JsonNode>> it = run.path("metrics").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    if (m.getValue().isNumber() || m.getValue().asText().matches("-?[0-9.]+")) {
                        metrics.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue().asDouble());
                    }
                }
            }
            for (Map.Entry<String, List<Double>> m : metrics.entrySet()) {
                out.append("| ").append(m.getKey()).append(" | ").append(num(median(m.getValue()))).append(" | ")
                        .append(range(m.getValue())).append(" |\n");
            }
        }
        System.out.print(out);
        Path chart = o.logDir.resolveSibling("bench-latency.png");
        String chartOption = System.getProperty("bench.chart");
        if (chartOption != null) {
            chart = Path.of(chartOption);
        }
        if (drawChart(groups, chart)) {
            System.out.println("\nchart: " + chart);
        }
    }

    private static String groupKey(JsonNode e) {
        String scenario = e.path("scenario").asText();
        JsonNode p = e.path("params");
        return switch (scenario) {
            case "sweep" -> "sweep, " + p.path("streams").asInt() + " streams x " + p.path("ratePerStream").asInt()
                    + " tokens/s";
            case "streams" -> "streams, " + p.path("streams").asInt() + " streams x " + p.path("ratePerStream").asInt()
                    + " tokens/s for " + p.path("seconds").asInt() + " s";
            case "broadcast" -> "broadcast to " + p.path("connections").asInt() + ", available="
                    + p.path("available").asBoolean();
            case "idle" -> "idle, " + p.path("connections").asInt() + " connections";
            case "api-latency" -> "api-latency, " + p.path("streams").asInt() + " streams x "
                    + p.path("ratePerStream").asInt() + " tokens/s, chats of " + p.path("chatTokens").asInt();
            default -> scenario;
        } + (p.path("serverJvm").asText().isEmpty() ? "" : " [server JVM: " + p.path("serverJvm").asText() + "]");
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String range(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return num(min) + "–" + num(max);
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
    }

    /** Added p50/p99 latency (median over runs, bars from min to max) against concurrent streams. */
    private static boolean drawChart(Map<String, List<JsonNode>> groups, Path file) throws IOException {
        TreeMap<Integer, List<JsonNode>> levels = new TreeMap<>();
        for (List<JsonNode> runs : groups.values()) {
            for (JsonNode run : runs) {
                if (run.path("scenario").asText().equals("sweep")) {
                    levels.computeIfAbsent(run.path("params").path("streams").asInt(), k -> new ArrayList<>()).add(run);
                }
            }
        }
        if (levels.isEmpty()) {
            return false;
        }
        String[] series = {"added_p50_ms", "added_p99_ms"};
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728)};
        String[] names = {"added p50", "added p99"};
        int w = 1000;
        int h = 520;
        int left = 80;
        int right = 30;
        int top = 60;
        int bottom = 70;
        double yMax = 0;
        double yMin = 0;
        for (List<JsonNode> runs : levels.values()) {
            for (String s : series) {
                for (JsonNode r : runs) {
                    yMax = Math.max(yMax, r.path("metrics").path(s).asDouble());
                    yMin = Math.min(yMin, r.path("metrics").path(s).asDouble());
                }
            }
        }
        yMax = niceCeiling(Math.max(yMax * 1.1, 0.1));
        // A difference of two percentiles can come out below zero (the direct path had the worse tail in that
        // run): show it as it is, below a zero line, rather than clipped.
        yMin = yMin < 0 ? -niceCeiling(-yMin * 1.1) : 0;
        double step = niceCeiling((yMax - yMin) / 5);
        yMin = Math.floor(yMin / step) * step;
        yMax = Math.ceil(yMax / step) * step;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Latency the server adds per token (through the server minus direct), 20 tokens/s per stream",
                left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("median of runs; bars span min–max; 2-core machine, load generator + stand-in + server on one host",
                left, 48);
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        // grid and y axis
        for (double v = yMin; v <= yMax + step / 2; v += step) {
            int y = yOf(v, yMin, yMax, top, plotH);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%.2f", v);
            g.drawString(label, left - 10 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        if (yMin < 0) {
            int zero = yOf(0, yMin, yMax, top, plotH);
            g.setColor(Color.GRAY);
            g.drawLine(left, zero, left + plotW, zero);
            g.setColor(Color.BLACK);
        }
        g.drawString("ms", left - 40, top - 8);
        List<Integer> xs = new ArrayList<>(levels.keySet());
        int n = xs.size();
        for (int i = 0; i < n; i++) {
            int x = xOf(i, n, left, plotW);
            String label = Integer.toString(xs.get(i));
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + plotH + 18);
        }
        String axis = "concurrent streams";
        g.drawString(axis, left + plotW / 2 - g.getFontMetrics().stringWidth(axis) / 2, top + plotH + 40);
        for (int s = 0; s < series.length; s++) {
            g.setColor(colors[s]);
            g.setStroke(new BasicStroke(2.2f));
            int px = -1;
            int py = -1;
            String metric = series[s];
            for (int i = 0; i < n; i++) {
                List<Double> values = levels.get(xs.get(i)).stream()
                        .map(r -> r.path("metrics").path(metric).asDouble())
                        .toList();
                double med = median(values);
                double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(med);
                double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(med);
                int x = xOf(i, n, left, plotW) + (s == 0 ? -4 : 4);
                int y = yOf(med, yMin, yMax, top, plotH);
                g.setStroke(new BasicStroke(1.2f));
                g.drawLine(x, yOf(min, yMin, yMax, top, plotH), x, yOf(max, yMin, yMax, top, plotH));
                g.setStroke(new BasicStroke(2.2f));
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
                String label = String.format(Locale.ROOT, "%.2f", med);
                g.drawString(label, x + 6, y - 6);
            }
            g.fillRect(left + 20, top + 10 + s * 18, 14, 4);
            g.drawString(names[s], left + 40, top + 16 + s * 18);
        }
        g.dispose();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ImageIO.write(image, "png", file.toFile());
        return true;
    }

    private static int xOf(int i, int n, int left, int plotW) {
        return left + (int) (plotW * (i + 0.5) / n);
    }

    private static int yOf(double v, double yMin, double yMax, int top, int plotH) {
        return top + plotH - (int) Math.round(plotH * (Math.max(yMin, Math.min(v, yMax)) - yMin) / (yMax - yMin));
    }

    private static double niceCeiling(double v) {
        double step = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * step >= v) {
                return m * step;
            }
        }
        return 10 * step;
    }
}
