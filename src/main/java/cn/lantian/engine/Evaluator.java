package cn.lantian.engine;

import cn.lantian.fact.Inspection;
import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Violation;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.kie.api.runtime.KieSession;

/** Runs one inspection through a ruleset and collects the decision with its trace. */
public final class Evaluator {
    /** The global through which rules read the ruleset's reference tables. */
    public static final String REFERENCE_GLOBAL = "ref";

    /** Orders as a reader expects them: by type (stops first, as the contract lists types), then activity. */
    private static final Comparator<Order> READING_ORDER = Comparator.comparing(Order::type)
            .thenComparing(Order::activity, Comparator.nullsLast(Comparator.naturalOrder()));

    private Evaluator() {}

    /** Decides an inspection already read and checked by {@link InspectionReader}. */
    public static Decision evaluate(Ruleset ruleset, Inspection inspection) {
        RuleRun run = RuleRun.of(ruleset, inspection.inspectedAt().toLocalDate(), session -> insertFacts(session, inspection));
        String standard = inspection.subject().standard();
        List<Violation> violations = run.inserted(Violation.class).stream().map(v -> v.withStandard(standard)).toList();
        return new Decision(UUID.randomUUID().toString(), ruleset.version(), violations.isEmpty(), violations,
                run.inserted(Order.class).stream().sorted(READING_ORDER).toList(), run.inserted(Penalty.class),
                run.trace());
    }

    private static void insertFacts(KieSession session, Inspection inspection) {
        session.insert(inspection);
        session.insert(inspection.subject());
        if (inspection.site() != null) {
            session.insert(inspection.site());
            inspection.site().blocks().forEach(session::insert);
        }
        if (inspection.enterprise() != null) {
            session.insert(inspection.enterprise());
            if (inspection.enterprise().heavyDieselTrucksInUse() != null) {
                session.insert(inspection.enterprise().heavyDieselTrucksInUse());
            }
            if (inspection.enterprise().autoMonitoring() != null) {
                session.insert(inspection.enterprise().autoMonitoring());
            }
        }
        if (inspection.history() != null) {
            session.insert(inspection.history());
            if (inspection.history().rectification() != null) {
                session.insert(inspection.history().rectification());
            }
        }
    }
}
