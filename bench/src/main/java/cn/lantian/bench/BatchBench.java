package cn.lantian.bench;

import cn.lantian.engine.Evaluator;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.SubjectKind;
import java.util.ArrayList;
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
 * (b) A batch of 10,000 inspections, one after another on one thread: every evaluation request of the
 * fixtures (sites under every standard and alert, enterprises of every grade, follow-ups) in turn.
 * Eight warm-up batches: the many rule paths of the mix take that long to be compiled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 8)
@Measurement(iterations = 5)
public class BatchBench {
    static final int BATCH = 10_000;

    private Ruleset ruleset;
    private List<Inspection> batch;

    @Setup(Level.Trial)
    public void setUp() {
        Inputs.quietLogging();
        ruleset = Inputs.shippedRules();
        List<Inspection> cases = Inputs.fixtureInspections(ruleset);
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(cases.get(i % cases.size()));
        }
        long enterprises = batch.stream().filter(i -> i.subject().kind() == SubjectKind.ENTERPRISE).count();
        System.out.printf("%n%d fixture cases, batch of %d: %d sites, %d enterprises%n",
                cases.size(), BATCH, BATCH - enterprises, enterprises);
    }

    /** The number of violations found, so that no evaluation can be optimised away. */
    @Benchmark
    public int tenThousandInspections() {
        int violations = 0;
        for (Inspection inspection : batch) {
            violations += Evaluator.evaluate(ruleset, inspection).violations().size();
        }
        return violations;
    }
}
