package cn.lantian.bench;

import cn.lantian.engine.Decision;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Inspection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (a) One EIGHT site record with two violations under two articles, decided by the engine, and
 * (d) the same record decided by {@link PlainEight}, the hand-written baseline. Average time, and the
 * sample mode for the median and the 99th percentile. Three forks, since one JVM's compiled code can sit
 * 10-20 % above or below another's; the service's garbage collector (README), as every benchmark here.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EvaluationBench {
    private Ruleset ruleset;
    private Inspection eight;
    private PlainEight plain;

    @Setup(Level.Trial)
    public void setUp() {
        Inputs.quietLogging();
        ruleset = Inputs.shippedRules();
        eight = Inputs.eightSite(ruleset);
        plain = new PlainEight(ruleset);
        sameDecision(Evaluator.evaluate(ruleset, eight), plain.evaluate(eight));
    }

    @Benchmark
    public Decision engine() {
        return Evaluator.evaluate(ruleset, eight);
    }

    @Benchmark
    public Decision plainJava() {
        return plain.evaluate(eight);
    }

    /** The baseline counts only if it decides exactly what the engine decides (see {@link Agree}). */
    private static void sameDecision(Decision engine, Decision plain) {
        List<String> differences = Agree.differences(engine, plain);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the plain-Java baseline decides differently:\n" + String.join("\n", differences));
        }
    }
}
