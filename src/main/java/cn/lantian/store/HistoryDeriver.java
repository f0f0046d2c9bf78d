package cn.lantian.store;

import cn.lantian.engine.ItemCatalogue;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.History;
import cn.lantian.fact.Inspection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A subject's history from the store, when a request brings none: how many of its evaluations found
 * violations in the twelve months before the inspection, per legal basis in the two years before, and the
 * correction orders still open, which are its open rectification cases ({@link CaseBook#openOrders}).
 * <p>
 * Before cases were kept, the open orders followed from the latest evaluation ({@link #openOrders}); the
 * cases of a data folder from then are filled from it once ({@link CaseBackfill}): each order that was open
 * when it was decided keeps the items that evaluation found still failing or did not inspect (an item it
 * found passing is put right; an order with no item left is closed); and the items it ordered put right
 * that no open order already holds make a new order of its own date, with the fines it decided for them.
 * An item is under one open order at a time. Follow-up findings (NOT_RECTIFIED and the like) are no items
 * to put right.
 */
final class HistoryDeriver {
    private HistoryDeriver() {}

    /** From the count of evaluations with violations in the year before, and the open orders. */
    static History derive(int violationsLastYear, List<History.Rectification> open) {
        return violationsLastYear == 0 && open.isEmpty() ? null : new History(violationsLastYear, null, List.copyOf(open));
    }

    /**
     * For history.violationsLast24Months: per legal basis, how many of these evaluations found a violation
     * under it (each evaluation counted once per basis). The rules count an article and its successor together.
     */
    static java.util.Map<String, Integer> byLegalBasis(List<StoredEvaluation> withViolations, ObjectMapper json) {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        for (StoredEvaluation e : withViolations) {
            Set<String> bases = new LinkedHashSet<>();
            try {
                json.readTree(e.decision()).path("violations").forEach(v -> {
                    String basis = v.path("legalBasis").asText("");
                    if (!basis.isEmpty()) {
                        bases.add(basis);
                    }
                });
            } catch (IOException x) {
                throw new IllegalStateException("stored evaluation " + e.id() + " is not readable JSON", x);
            }
            bases.forEach(b -> out.merge(b, 1, Integer::sum));
        }
        return out;
    }

    /**
     * The orders open after the latest evaluation, as they followed from it before cases were kept;
     * {@code stored} reads a stored inspection back (structurally, whatever the rules are now).
     */
    static List<History.Rectification> openOrders(StoredEvaluation latest, Ruleset ruleset,
                                                          Function<String, Inspection> stored, ObjectMapper json) {
        JsonNode decision;
        try {
            decision = json.readTree(latest.decision());
        } catch (IOException e) {
            throw new IllegalStateException("stored evaluation " + latest.id() + " is not readable JSON", e);
        }
        Inspection inspection = stored.apply(latest.inspection());
        Set<String> failing = new LinkedHashSet<>();
        decision.path("violations").forEach(v -> failing.add(v.path("code").asText()));
        Set<String> findings = new LinkedHashSet<>(ItemCatalogue.followUpItems(ruleset));

        List<History.Rectification> open = new ArrayList<>();
        Set<String> stillOrdered = new LinkedHashSet<>();
        List<History.Rectification> before = inspection.history() == null ? List.of()
                : inspection.history().normalised().openOrders();
        for (History.Rectification order : before) {
            List<String> items = order.items().stream().filter(item -> failing.contains(item)
                    || !ItemCatalogue.recorded(inspection, ItemCatalogue.fields(ruleset, item))).toList();
            if (!items.isEmpty()) {
                open.add(new History.Rectification(order.orderedAt(), items, order.originalFineYuan(),
                        order.claimedRectified().stream().filter(items::contains).toList()));
                stillOrdered.addAll(items);
            }
        }
        List<String> ordered = new ArrayList<>();
        decision.path("orders").forEach(o -> {
            String item = o.path("violation").asText();
            if (o.path("type").asText().equals("RECTIFY") && !findings.contains(item) && !stillOrdered.contains(item)
                    && !ordered.contains(item)) {
                ordered.add(item);
            }
        });
        if (!ordered.isEmpty()) {
            long fines = 0;
            for (JsonNode p : decision.path("penalties")) {
                boolean daily = p.hasNonNull("days");
                boolean covers = false;
                for (JsonNode v : p.path("violations")) {
                    covers |= ordered.contains(v.asText());
                }
                if (!daily && covers) {
                    fines += p.path("recommendedFineYuan").asLong();
                }
            }
            open.add(new History.Rectification(latest.inspectedAt(), List.copyOf(ordered), fines));
        }
        return List.copyOf(open);
    }
}
