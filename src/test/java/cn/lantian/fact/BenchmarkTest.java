package cn.lantian.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic against the worked examples of domain.md section 9. */
class BenchmarkTest {
    private static LawArticle range(long min, long max) {
        return new LawArticle("A", null, null, "A", min, max, true, null, "c");
    }

    private static DiscretionFactor factor(int percent) {
        return new DiscretionFactor("F", 1, null, percent, "因子 {value}", "BENCHMARK", "D");
    }

    @Test
    void theHunanExampleIsTwentyNineThousand() {
        // [10% + 5% × 90%] × 200000 = 29000
        assertEquals(29000, Benchmark.of(range(20000, 200000), 100).plus(factor(5), 2).fine());
    }

    @Test
    void twoItemsAtAFirstOffenceAndOneAtASecond() {
        assertEquals(15400, Benchmark.of(range(10000, 100000), 100).plus(factor(6), 2).fine());
        assertEquals(14500, Benchmark.of(range(10000, 100000), 100).plus(factor(5), 2).fine());
    }

    @Test
    void theFineIsRoundedHalfUpToTheUnitAndCappedAtTheMaximum() {
        // [10% + 6% × 90%] × 20000 = 3080 → 3100
        assertEquals(3100, Benchmark.of(range(2000, 20000), 100).plus(factor(6), 1).fine());
        // 500 / 2000 = 25%; [25% + 5% × 75%] × 2000 = 575 → 600
        assertEquals(600, Benchmark.of(range(500, 2000), 100).plus(factor(5), 1).fine());
        assertEquals(2000, Benchmark.of(range(500, 2000), 100).plus(factor(80), 1).plus(factor(80), 1).fine());
    }

    @Test
    void aCampaignTakesTheGreaterOfTheBenchmarkAndTheMaximum() {
        Benchmark b = Benchmark.of(range(10000, 100000), 100).plus(factor(5), 2).atMaximum(List.of("橙色预警期间"));
        assertEquals(14500, b.benchmarkFine());
        assertEquals(100000, b.fine());
        assertEquals(List.of("起点 10000 元 ÷ 100000 元 = 10%", "因子 2 +5%",
                "[10% + 5% × (1 − 10%)] × 100000 元 = 14500 元（四舍五入到 100 元，不超过最高额）",
                "橙色预警期间顶格 100000 元", "取二者之高 100000 元"), b.lines());
    }
}
