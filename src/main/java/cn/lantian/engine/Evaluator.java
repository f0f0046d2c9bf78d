package cn.lantian.engine;

import cn.lantian.fact.History;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.InspectionTime;
import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Reference;
import cn.lantian.fact.SubjectKind;
import cn.lantian.fact.Violation;
import java.util.ArrayList;
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
            .thenComparing(Order::activity, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Order::violation, Comparator.nullsLast(Comparator.naturalOrder()));

    private Evaluator() {}

    /**
     * Decides an inspection already read and checked by {@link InspectionReader}. The rules and tables
     * are those in force on the inspection's date in the jurisdiction's calendar, never the wall clock's.
     */
    public static Decision evaluate(Ruleset ruleset, Inspection inspection) {
        InspectionTime time = InspectionTime.of(inspection.inspectedAt(), ruleset.calendar().zone());
        Reference ref = LawInForce.of(ruleset, time.date(), ruleset.calendar().dateOf(inspection.decisionTime()));
        RuleRun run = RuleRun.of(ruleset, time.date(), ref, session -> insertFacts(session, inspection, time));
        String standard = inspection.subject().standard();
        List<Violation> violations = run.inserted(Violation.class).stream()
                .map(v -> v.withStandard(standard).citing(ref.basisInForce(v.legalBasis()))).toList();
        List<Order> orders = run.inserted(Order.class).stream()
                .map(o -> o.citing(ref.basisInForce(o.legalBasis()), o.reason(), o.rule())).sorted(READING_ORDER).toList();
        List<Penalty> penalties = run.inserted(Penalty.class);
        List<String> inspected = new ArrayList<>();
        List<String> notInspected = new ArrayList<>();
        for (String item : itemsHeldTo(ruleset, ruleset.referenceAt(time.date()), inspection)) {
            (ItemCatalogue.recorded(inspection, ruleset.itemFields().getOrDefault(item, List.of()))
                    ? inspected : notInspected).add(item);
        }
        return new Decision(UUID.randomUUID().toString(), ruleset.version(), violations.isEmpty(), violations,
                orders, penalties, List.copyOf(inspected), List.copyOf(notInspected),
                LawInForce.warnings(ref, violations, orders, penalties), run.trace());
    }

    /** A site's standard's items; a plant's checks. */
    private static List<String> itemsHeldTo(Ruleset ruleset, Reference reference, Inspection inspection) {
        return inspection.subject().kind() == SubjectKind.SITE
                ? ItemCatalogue.standardItems(reference, inspection.subject().standard())
                : ruleset.enterpriseItems();
    }

    private static void insertFacts(KieSession session, Inspection inspection, InspectionTime time) {
        session.insert(inspection);
        session.insert(time);
        session.insert(inspection.subject());
        session.insert(inspection.circumstancesOrNone());
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
        // an empty history when none was sent: the rules read earlier counts from it
        History history = inspection.history() == null ? new History(0, null, List.of()) : inspection.history();
        session.insert(history);
        history.openOrders().forEach(session::insert);
    }
}
