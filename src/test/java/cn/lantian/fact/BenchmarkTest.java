package cn.lantian.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic against the worked examples of domain.md section 9. */
class BenchmarkTest {
    private static LawArticle range(long min, long max) {
        return new LawArticle("A", null, null, "A", min, max, true, null, "c");
    }

    /** Wording of the test's own, to show the lines are the tables' texts with the values in place. */
    private static final Reference TEXTS = new Reference(List.of(), List.of(
            text("penalty.calculation.start", "Y = {min}/{max} = {start}"),
            text("penalty.calculation.factor", "{factor}: +{percent}%"),
            text("penalty.calculation.benchmark", "({start} + {percent}% of the rest) x {max} = {fine} (by {unit})"),
            text("penalty.calculation.campaign", "{reason}: {max}"),
            text("penalty.calculation.greater", "the greater: {fine}")),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    private static Parameter text(String name, String value) {
        return new Parameter(name, value, Parameter.Type.text, null, name, "D");
    }

    private static Benchmark of(long min, long max) {
        return Benchmark.of(range(min, max), 100, TEXTS);
    }

    private static DiscretionFactor factor(int percent) {
        return new DiscretionFactor("F", 1, null, percent, "因子 {value}", "BENCHMARK", "D");
    }

    @Test
    void theHunanExampleIsTwentyNineThousand() {
        // [10% + 5% × 90%] × 200000 = 29000
        assertEquals(29000, of(20000, 200000).plus(factor(5), 2).fine());
    }

    @Test
    void twoItemsAtAFirstOffenceAndOneAtASecond() {
        assertEquals(15400, of(10000, 100000).plus(factor(6), 2).fine());
        assertEquals(14500, of(10000, 100000).plus(factor(5), 2).fine());
    }

    @Test
    void theFineIsRoundedHalfUpToTheUnitAndCappedAtTheMaximum() {
        // [10% + 6% × 90%] × 20000 = 3080 → 3100
        assertEquals(3100, of(2000, 20000).plus(factor(6), 1).fine());
        // 500 / 2000 = 25%; [25% + 5% × 75%] × 2000 = 575 → 600
        assertEquals(600, of(500, 2000).plus(factor(5), 1).fine());
        assertEquals(2000, of(500, 2000).plus(factor(80), 1).plus(factor(80), 1).fine());
    }

    @Test
    void aCampaignTakesTheGreaterOfTheBenchmarkAndTheMaximum() {
        Benchmark b = of(10000, 100000).plus(factor(5), 2).atMaximum(List.of("橙色预警期间"));
        assertEquals(14500, b.benchmarkFine());
        assertEquals(100000, b.fine());
        assertEquals(List.of("Y = 10000/100000 = 10%", "因子 2: +5%", "(10% + 5% of the rest) x 100000 = 14500 (by 100)",
                "橙色预警期间: 100000", "the greater: 100000"), b.lines());
        assertEquals(String.join("；", b.lines()), b.summary());
    }
}
