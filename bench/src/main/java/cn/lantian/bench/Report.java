package cn.lantian.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns JMH's JSON result into the rows of docs/performance.md, with the engine / plain-Java ratio.
 * Usage: {@code java -cp bench/target/benchmarks.jar cn.lantian.bench.Report bench/target/jmh-result.json}
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        System.out.println("| benchmark | mode | score | ± 99.9% | unit | p50 | p99 | per iteration |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (JsonNode r : results) {
            JsonNode m = r.get("primaryMetric");
            String name = r.get("benchmark").asText().replace("cn.lantian.bench.", "")
                    + (r.has("params") ? " " + r.get("params") : "");
            String mode = r.get("mode").asText();
            JsonNode pct = m.get("scorePercentiles");
            boolean sample = mode.equals("sample");
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", name, mode,
                    fmt(m.get("score").asDouble()), fmt(m.get("scoreError").asDouble()), m.get("scoreUnit").asText(),
                    sample ? fmt(pct.get("50.0").asDouble()) : "", sample ? fmt(pct.get("99.0").asDouble()) : "",
                    mode.equals("ss") ? iterations(m.get("rawData")) : "");
        }
        ratio(results, "avgt", "score", "average");
        ratio(results, "sample", "50.0", "median");
    }

    private static String iterations(JsonNode rawData) {
        List<String> values = new ArrayList<>();
        rawData.get(0).forEach(v -> values.add(fmt(v.asDouble())));
        return String.join(", ", values);
    }

    private static void ratio(JsonNode results, String mode, String metric, String what) {
        Double engine = null;
        Double plain = null;
        for (JsonNode r : results) {
            if (!r.get("mode").asText().equals(mode)) {
                continue;
            }
            JsonNode m = r.get("primaryMetric");
            double v = metric.equals("score") ? m.get("score").asDouble() : m.get("scorePercentiles").get(metric).asDouble();
            if (r.get("benchmark").asText().endsWith("EvaluationBench.engine")) {
                engine = v;
            } else if (r.get("benchmark").asText().endsWith("EvaluationBench.plainJava")) {
                plain = v;
            }
        }
        if (engine != null && plain != null) {
            System.out.printf(Locale.ROOT, "%nengine / plain Java (%s): %s / %s = %.1f×%n", what, fmt(engine), fmt(plain),
                    engine / plain);
        }
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
