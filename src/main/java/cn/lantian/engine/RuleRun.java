package cn.lantian.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

/**
 * One run of a ruleset over some facts: the facts the rules inserted, in the order they did, and the
 * trace of every rule that fired with the values it matched.
 */
record RuleRun(List<Object> inserted, List<TraceEntry> trace) {

    /** Runs the rules in force on {@code day} (never the wall clock's day) with the tables of that day. */
    static RuleRun of(Ruleset ruleset, LocalDate day, Consumer<KieSession> facts) {
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            List<Object> inserted = new ArrayList<>();
            List<TraceEntry> trace = new ArrayList<>();
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    trace.add(traceOf(event.getMatch()));
                }
            });
            if (ruleset.declaresReference()) {
                session.setGlobal(Evaluator.REFERENCE_GLOBAL, ruleset.referenceAt(day));
            }
            facts.accept(session);
            // Only what the rules insert is an outcome; the caller's own facts come before the listener.
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    inserted.add(event.getObject());
                }

                @Override
                public void objectDeleted(ObjectDeletedEvent event) {
                    inserted.remove(event.getOldObject());
                }
            });
            if (ruleset.ruleValidity().isEmpty()) {
                session.fireAllRules();
            } else {
                // Drools' own date-effective reads the system clock; an evaluation must follow its own date.
                session.fireAllRules(match -> {
                    InForce inForce = ruleset.ruleValidity().get(match.getRule().getName());
                    return inForce == null || inForce.covers(day);
                });
            }
            return new RuleRun(inserted, trace);
        } finally {
            session.dispose();
        }
    }

    <T> List<T> inserted(Class<T> type) {
        return inserted.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static TraceEntry traceOf(Match match) {
        Map<String, Object> matched = new LinkedHashMap<>();
        for (String id : match.getDeclarationIds()) {
            matched.put(id.startsWith("$") ? id.substring(1) : id, match.getDeclarationValue(id));
        }
        return new TraceEntry(match.getRule().getName(), RulesetLoader.fileOf(match.getRule()), matched);
    }
}
