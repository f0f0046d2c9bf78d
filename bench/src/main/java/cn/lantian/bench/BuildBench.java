package cn.lantian.bench;

import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) Building the rule base: the shipped rules alone ({@code generatedRules} 0), and with generated
 * packs of 100, 1,000 and 5,000 rules beside them. No warm-up: the first build in a fresh JVM is the
 * one the service pays at start-up; the later ones show the cost once the compiler is warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 0)
@Measurement(iterations = 4)
public class BuildBench {
    @Param({"0", "100", "1000", "5000"})
    public int generatedRules;

    private Map<String, String> files;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Inputs.quietLogging();
        files = new TreeMap<>(RulesetLoader.files(Inputs.RULES));
        files.putAll(RulePack.generate(generatedRules));
    }

    @Benchmark
    public Ruleset build() throws RulesetException {
        return new RulesetLoader(java.time.Clock.systemUTC()).load(files);
    }
}
