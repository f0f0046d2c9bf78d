package cn.lantian.bench;

import cn.lantian.engine.Decision;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Inspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether {@link PlainEight} decides the benchmark's record exactly as the engine does: the check that
 * {@link EvaluationBench} runs before it measures anything, runnable on its own so that CI notices when
 * the engine moves and the baseline does not. Usage, from the project root (the rules are read from
 * rules/): {@code java -cp bench/target/benchmarks.jar cn.lantian.bench.Agree}; exits 1 with the
 * differences when the two disagree.
 */
public final class Agree {
    private Agree() {}

    public static void main(String[] args) {
        Inputs.quietLogging();
        Ruleset ruleset = Inputs.shippedRules();
        Inspection eight = Inputs.eightSite(ruleset);
        Decision engine = Evaluator.evaluate(ruleset, eight);
        Decision plain = new PlainEight(ruleset).evaluate(eight);
        List<String> differences = differences(engine, plain);
        if (!differences.isEmpty()) {
            System.err.println("the plain-Java baseline (bench PlainEight) decides eight-site.json differently from the engine:");
            differences.forEach(d -> System.err.println("  " + d));
            System.exit(1);
        }
        System.out.printf("PlainEight agrees with the engine on eight-site.json: %d violations, %d orders, %d penalties "
                + "(recommended %s), %d warnings%n", engine.violations().size(), engine.orders().size(),
                engine.penalties().size(), engine.penalties().stream().map(p -> p.legalBasis() + " " + p.recommendedFineYuan())
                        .toList(), engine.warnings().size());
    }

    /**
     * What differs between the two decisions, each part named with both values; empty when they agree.
     * Violations, penalties and warnings are compared as collections (their order is the firing order of
     * the rules); orders and the inspected items in order, as the evaluator sorts them. The evaluation id
     * and the trace are the run's own.
     */
    static List<String> differences(Decision engine, Decision plain) {
        List<String> out = new ArrayList<>();
        same(out, "rulesetVersion", engine.rulesetVersion(), plain.rulesetVersion());
        same(out, "compliant", engine.compliant(), plain.compliant());
        sameCollection(out, "violations", engine.violations(), plain.violations());
        same(out, "orders", engine.orders(), plain.orders());
        sameCollection(out, "penalties", engine.penalties(), plain.penalties());
        same(out, "inspected", engine.inspected(), plain.inspected());
        same(out, "notInspected", engine.notInspected(), plain.notInspected());
        sameCollection(out, "warnings", engine.warnings(), plain.warnings());
        return out;
    }

    private static void same(List<String> out, String what, Object engine, Object plain) {
        if (!Objects.equals(engine, plain)) {
            out.add(what + ":\n    engine " + engine + "\n    plain  " + plain);
        }
    }

    private static <T> void sameCollection(List<String> out, String what, List<T> engine, List<T> plain) {
        if (engine.size() != plain.size() || !Set.copyOf(engine).equals(Set.copyOf(plain))) {
            List<T> onlyEngine = engine.stream().filter(e -> !plain.contains(e)).toList();
            List<T> onlyPlain = plain.stream().filter(p -> !engine.contains(p)).toList();
            out.add(what + " (" + engine.size() + " against " + plain.size() + "):\n    engine only " + onlyEngine
                    + "\n    plain only  " + onlyPlain);
        }
    }
}
