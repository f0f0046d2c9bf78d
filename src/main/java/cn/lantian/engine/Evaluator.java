package cn.lantian.engine;

import cn.lantian.fact.Inspection;
import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

/** Runs one inspection through a ruleset and collects the decision with its trace. */
public final class Evaluator {
    /** The global through which rules read the ruleset's reference tables. */
    public static final String REFERENCE_GLOBAL = "ref";

    private Evaluator() {}

    /** Decides an inspection already read and checked by {@link InspectionReader}. */
    public static Decision evaluate(Ruleset ruleset, Inspection inspection) {
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            Recorder recorder = new Recorder();
            session.addEventListener(recorder.agenda);
            session.addEventListener(recorder.facts);
            if (ruleset.declaresReference()) {
                session.setGlobal(REFERENCE_GLOBAL, ruleset.reference());
            }
            insertFacts(session, inspection);
            session.fireAllRules();

            String standard = inspection.subject().standard();
            List<Violation> violations = new ArrayList<>();
            List<Order> orders = new ArrayList<>();
            List<Penalty> penalties = new ArrayList<>();
            for (Object o : recorder.outcomes) {
                if (o instanceof Violation v) {
                    violations.add(v.withStandard(standard));
                } else if (o instanceof Order ord) {
                    orders.add(ord);
                } else if (o instanceof Penalty p) {
                    penalties.add(p);
                }
            }
            return new Decision(UUID.randomUUID().toString(), ruleset.version(), violations.isEmpty(),
                    violations, orders, penalties, recorder.trace);
        } finally {
            session.dispose();
        }
    }

    private static void insertFacts(KieSession session, Inspection inspection) {
        session.insert(inspection);
        session.insert(inspection.subject());
        if (inspection.site() != null) {
            session.insert(inspection.site());
            inspection.site().blocks().forEach(session::insert);
        }
        if (inspection.history() != null) {
            session.insert(inspection.history());
            if (inspection.history().rectification() != null) {
                session.insert(inspection.history().rectification());
            }
        }
    }

    /** Keeps the rules that fired and the outcomes they recorded, in the order it happened. */
    private static final class Recorder {
        final List<TraceEntry> trace = new ArrayList<>();
        final List<Object> outcomes = new ArrayList<>();

        final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                trace.add(traceOf(event.getMatch()));
            }
        };

        final DefaultRuleRuntimeEventListener facts = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                outcomes.add(event.getObject());
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                outcomes.remove(event.getOldObject());
            }
        };
    }

    private static TraceEntry traceOf(Match match) {
        Map<String, Object> matched = new LinkedHashMap<>();
        for (String id : match.getDeclarationIds()) {
            matched.put(id.startsWith("$") ? id.substring(1) : id, match.getDeclarationValue(id));
        }
        return new TraceEntry(match.getRule().getName(), RulesetLoader.fileOf(match.getRule()), matched);
    }
}
