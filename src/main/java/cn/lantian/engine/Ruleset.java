package cn.lantian.engine;

import cn.lantian.fact.Reference;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.kie.api.KieBase;

/**
 * A compiled, immutable set of rules and reference tables, named by the hash of its files' content.
 * Evaluations hold on to the ruleset they started with, so a reload never changes a decision midway.
 */
public record Ruleset(String version, Instant loadedAt, List<String> files, List<RuleInfo> rules,
                      Reference reference, KieBase kieBase) {

    /** Every code a rule of this ruleset can produce (violations, orders, item rows). */
    public Set<String> codes() {
        return rules.stream().map(RuleInfo::code).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether some rule file declares the global that carries the reference tables. */
    public boolean declaresReference() {
        return kieBase.getKiePackages().stream().anyMatch(p -> p.getGlobalVariables().stream()
                .anyMatch(g -> g.getName().equals(Evaluator.REFERENCE_GLOBAL)));
    }
}
