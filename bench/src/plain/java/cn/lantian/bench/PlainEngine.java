package cn.lantian.bench;

import cn.lantian.engine.Decision;
import cn.lantian.engine.DecisionEngine;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Inspection;

/**
 * {@link PlainEight} as the service's decider, in the benchmark build only ({@code mvn package -Pbench-plain}, started
 * with {@code -Dlantian.engine.decider=cn.lantian.bench.PlainEngine}): the same HTTP API, reading, authentication and
 * answer, with the hand-written evaluator in place of the rules, so that their ratio is the engine's share of an
 * answer. The baseline reads the ruleset it is given; it is built again when another ruleset serves.
 */
public final class PlainEngine implements DecisionEngine {
    private volatile PlainEight plain;
    private volatile Ruleset of;

    @Override
    public Decision decide(Ruleset ruleset, Inspection inspection) {
        PlainEight p = plain;
        if (p == null || of != ruleset) {
            p = new PlainEight(ruleset);
            plain = p;
            of = ruleset;
        }
        return p.evaluate(inspection);
    }
}
