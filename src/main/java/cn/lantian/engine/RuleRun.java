package cn.lantian.engine;

import cn.lantian.fact.Reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;

/**
 * One run of a ruleset over some facts: the facts the rules inserted, in the order they did, and the
 * trace of every rule that fired with the values it matched.
 */
record RuleRun(List<Object> inserted, List<TraceEntry> trace) {
    /**
     * At most one run per processor at a time. A run is pure CPU work; more runs at once only take turns
     * on the processors and evict each other's working memory from the caches (16 threads on 2 cores
     * decided 3 times fewer records per second than 2 threads). The others wait their turn; an I/O thread
     * deciding a record it does not keep waits too, for a few runs of tens of microseconds at most.
     */
    private static final Semaphore RUNNING = new Semaphore(Runtime.getRuntime().availableProcessors());

    /** The configuration key of the most firings a run may take before it is stopped as a loop. */
    static final String FIRING_LIMIT_KEY = "lantian.rules.firing-limit";

    /**
     * The most firings a run may take (application.properties; a system property overrides it). A run
     * that reaches it without coming to rest is stopped: a looping candidate fails its cases instead of
     * holding a thread for ever.
     */
    static final int FIRING_LIMIT = ConfigProvider.getConfig().getValue(FIRING_LIMIT_KEY, Integer.class);

    /** Runs the rules in force on {@code day} (never the wall clock's day) with the tables of that day. */
    static RuleRun of(Ruleset ruleset, LocalDate day, Consumer<KieSession> facts) {
        return of(ruleset, day, ruleset.declaresReference() ? ruleset.referenceAt(day) : null, facts);
    }

    /** Runs the rules in force on {@code day} with these tables (the day's, with the law applied to the decision). */
    static RuleRun of(Ruleset ruleset, LocalDate day, Reference reference, Consumer<KieSession> facts) {
        RUNNING.acquireUninterruptibly();
        try {
            return run(ruleset, day, reference, facts);
        } finally {
            RUNNING.release();
        }
    }

    private static RuleRun run(Ruleset ruleset, LocalDate day, Reference reference, Consumer<KieSession> facts) {
        // A pooled session comes back reset (facts, agenda, globals and listeners cleared) but keeps the
        // network memories it built, which a new session would build again on every run.
        KieSession session = ruleset.sessions().newKieSession();
        try {
            List<Object> inserted = new ArrayList<>();
            List<TraceEntry> trace = new ArrayList<>();
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    trace.add(traceOf(event.getMatch(), ruleset));
                    if (cn.lantian.fact.TableReads.collecting()) {
                        // a fixture run's table-row coverage: the table rows the fired rule matched, and the
                        // article it cites (its @legalBasis) as it stands on the run's day
                        cn.lantian.fact.TableReads.readAll(event.getMatch().getObjects());
                        Object basis = event.getMatch().getRule().getMetaData().get("legalBasis");
                        if (basis != null && reference != null) {
                            reference.basisInForce(basis.toString());
                        }
                    }
                }
            });
            if (ruleset.declaresReference()) {
                session.setGlobal(Evaluator.REFERENCE_GLOBAL, reference);
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
            // Drools' own date-effective reads the system clock; an evaluation must follow its own date.
            AgendaFilter inForceThatDay = ruleset.ruleValidity().isEmpty() ? null : match -> {
                InForce inForce = ruleset.ruleValidity().get(match.getRule().getName());
                return inForce == null || inForce.covers(day);
            };
            if (fire(session, inForceThatDay, FIRING_LIMIT) >= FIRING_LIMIT && fire(session, inForceThatDay, 1) > 0) {
                throw looping(trace);
            }
            return new RuleRun(inserted, trace);
        } finally {
            session.dispose(); // back to the pool
        }
    }

    private static int fire(KieSession session, AgendaFilter filter, int max) {
        return filter == null ? session.fireAllRules(max) : session.fireAllRules(filter, max);
    }

    /** The rules did not come to rest within the limit: say which fired most, the likely loop. */
    private static FiringLimitException looping(List<TraceEntry> trace) {
        Map<String, Long> counts = trace.subList(0, Math.min(trace.size(), FIRING_LIMIT)).stream()
                .collect(Collectors.groupingBy(TraceEntry::rule, Collectors.counting()));
        String most = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> "\"" + e.getKey() + "\" " + (e.getValue() == 1 ? "once" : e.getValue() + " times"))
                .collect(Collectors.joining(", "));
        return new FiringLimitException("the rules fired " + FIRING_LIMIT + " times without coming to rest ("
                + FIRING_LIMIT_KEY + "); a rule that keeps inserting what makes it fire again, or rules that "
                + "feed each other, loop. Fired most: " + most);
    }

    <T> List<T> inserted(Class<T> type) {
        return inserted.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static TraceEntry traceOf(Match match, Ruleset ruleset) {
        Map<String, Object> matched = new LinkedHashMap<>();
        for (String id : match.getDeclarationIds()) {
            matched.put(id.startsWith("$") ? id.substring(1) : id, match.getDeclarationValue(id));
        }
        String rule = match.getRule().getName();
        return new TraceEntry(rule, ruleset.ruleFiles().get(rule), matched);
    }
}
