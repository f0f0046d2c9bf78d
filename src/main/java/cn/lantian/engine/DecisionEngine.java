package cn.lantian.engine;

import cn.lantian.fact.Inspection;

/**
 * What decides an inspection record for the API: the rules ({@link Evaluator}, always, in a service) or, in a benchmark
 * build only, a hand-written evaluator of the same record, so that the HTTP API can be measured beside the same API
 * answering without the engine (docs/performance.md, "HTTP beside plain Java"). No policy lives behind this interface
 * in the service's own code: {@code lantian.engine.decider} names a class the benchmark build adds
 * ({@code bench/src/plain/java}), and the service refuses to start when it is set and the class is absent.
 */
public interface DecisionEngine {
    Decision decide(Ruleset ruleset, Inspection inspection);

    /** The rules, through Drools. */
    DecisionEngine RULES = Evaluator::evaluate;
}
