package cn.lantian.fact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of the discretion benchmark (裁量基准, domain.md section 9), built by a rule factor by factor:
 * fine = [Y + Σ factor% × (1 − Y)] × maximum, Y = minimum / maximum, capped at the maximum and rounded
 * half up to {@code unit} yuan; then, when a campaign puts the fine at the maximum, the greater of the two.
 * Each step is a line of the penalty's {@code calculation}, worded by the {@code penalty.calculation.*} text
 * parameters of the tables ({@link #TEXTS}). Which factors apply and at what percent is the rules' and the
 * tables' business; this only adds them up.
 */
public final class Benchmark {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final String START = "penalty.calculation.start";
    static final String FACTOR = "penalty.calculation.factor";
    static final String RESULT = "penalty.calculation.benchmark";
    static final String CAMPAIGN = "penalty.calculation.campaign";
    static final String GREATER = "penalty.calculation.greater";
    /** The text parameters that word the lines; the tables must define each where a rule computes a benchmark. */
    public static final List<String> TEXTS = List.of(START, FACTOR, RESULT, CAMPAIGN, GREATER);
    /** The values each text may show, by its placeholders ({@code {min}}, …); the table checks refuse any other. */
    public static final Map<String, List<String>> PLACEHOLDERS = Map.of(START, List.of("min", "max", "start"),
            FACTOR, List.of("factor", "percent"), RESULT, List.of("start", "percent", "max", "fine", "unit"),
            CAMPAIGN, List.of("reason", "max"), GREATER, List.of("fine"));

    private final Reference ref;

    private final long min;
    private final long max;
    private final long unit;
    private final List<String> factorLines = new ArrayList<>();
    private final List<String> campaign = new ArrayList<>();
    private int percent;

    private Benchmark(LawArticle law, double unit, Reference ref) {
        this.ref = ref;
        this.min = law.fineMinYuan() == null ? 0 : law.fineMinYuan();
        this.max = law.fineMaxYuan();
        this.unit = Math.max(1, Math.round(unit));
    }

    /** The benchmark for an article's range, rounded to {@code unit} yuan, worded by the tables of {@code ref}. */
    public static Benchmark of(LawArticle law, double unit, Reference ref) {
        return new Benchmark(law, unit, ref);
    }

    /** Adds a factor's row for the value read; a row of 0% adds nothing and no line. */
    public Benchmark plus(DiscretionFactor row, Object value) {
        return add(row.shown(value), row);
    }

    /** Adds a factor's row at the level a reading row gave for the value read (the impact from the number of codes). */
    public Benchmark plusRead(DiscretionFactor reading, Object value, DiscretionFactor row) {
        return add(reading.shown(value), row);
    }

    private Benchmark add(String shown, DiscretionFactor row) {
        int p = row.getPercentOrZero();
        if (p != 0) {
            percent += p;
            factorLines.add(text(FACTOR, Map.of("factor", shown, "percent", p)));
        }
        return this;
    }

    /** A campaign policy putting the fine at the maximum, for that reason. */
    public Benchmark atMaximum(List<?> reasons) {
        reasons.forEach(r -> campaign.add(r.toString()));
        return this;
    }

    private BigDecimal start() {
        return BigDecimal.valueOf(min).divide(BigDecimal.valueOf(max), 6, RoundingMode.HALF_UP);
    }

    /** The benchmark's fine, before the campaign. */
    public long benchmarkFine() {
        BigDecimal y = start();
        BigDecimal share = y.add(BigDecimal.valueOf(percent).divide(HUNDRED, 6, RoundingMode.HALF_UP)
                .multiply(BigDecimal.ONE.subtract(y)));
        BigDecimal raw = share.multiply(BigDecimal.valueOf(max)).min(BigDecimal.valueOf(max));
        long rounded = raw.divide(BigDecimal.valueOf(unit), 0, RoundingMode.HALF_UP).longValueExact() * unit;
        return Math.min(rounded, max);
    }

    /** The recommended fine: the greater of the benchmark and the campaign. */
    public long fine() {
        return campaign.isEmpty() ? benchmarkFine() : Math.max(benchmarkFine(), max);
    }

    private static String pct(BigDecimal ratio) {
        return ratio.multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** The calculation, line by line, in Chinese. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        String y = pct(start());
        out.add(text(START, Map.of("min", min, "max", max, "start", y)));
        out.addAll(factorLines);
        out.add(text(RESULT, Map.of("start", y, "percent", percent, "max", max, "fine", benchmarkFine(), "unit", unit)));
        for (String why : campaign) {
            out.add(text(CAMPAIGN, Map.of("reason", why, "max", max)));
        }
        if (!campaign.isEmpty()) {
            out.add(text(GREATER, Map.of("fine", fine())));
        }
        return out;
    }

    /** The tables' wording of one line with its values in place; the table checks make sure the text is there. */
    private String text(String name, Map<String, ?> values) {
        String template = ref.parameter(name).map(Parameter::value)
                .orElseThrow(() -> new IllegalStateException("no text parameter " + name));
        for (Map.Entry<String, ?> v : values.entrySet()) {
            template = template.replace("{" + v.getKey() + "}", String.valueOf(v.getValue()));
        }
        return template;
    }

    /** The lines joined, for the penalty's reason. */
    public String summary() {
        return String.join("；", lines());
    }
}
