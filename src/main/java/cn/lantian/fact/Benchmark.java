package cn.lantian.fact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of the discretion benchmark (裁量基准, domain.md section 9), built by a rule factor by factor:
 * fine = [Y + Σ factor% × (1 − Y)] × maximum, Y = minimum / maximum, capped at the maximum and rounded
 * half up to {@code unit} yuan; then, when a campaign puts the fine at the maximum, the greater of the two.
 * Each step is a line of the penalty's {@code calculation}. Which factors apply and at what percent is the
 * rules' and the tables' business; this only adds them up.
 */
public final class Benchmark {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final long min;
    private final long max;
    private final long unit;
    private final List<String> factorLines = new ArrayList<>();
    private final List<String> campaign = new ArrayList<>();
    private int percent;

    private Benchmark(LawArticle law, double unit) {
        this.min = law.fineMinYuan() == null ? 0 : law.fineMinYuan();
        this.max = law.fineMaxYuan();
        this.unit = Math.max(1, Math.round(unit));
    }

    public static Benchmark of(LawArticle law, double unit) {
        return new Benchmark(law, unit);
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
            factorLines.add(shown + " +" + p + "%");
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
        out.add("起点 " + min + " 元 ÷ " + max + " 元 = " + y);
        out.addAll(factorLines);
        out.add("[" + y + " + " + percent + "% × (1 − " + y + ")] × " + max + " 元 = " + benchmarkFine() + " 元"
                + "（四舍五入到 " + unit + " 元，不超过最高额）");
        for (String why : campaign) {
            out.add(why + "顶格 " + max + " 元");
        }
        if (!campaign.isEmpty()) {
            out.add("取二者之高 " + fine() + " 元");
        }
        return out;
    }

    /** The lines joined, for the penalty's reason. */
    public String summary() {
        return String.join("；", lines());
    }
}
