package cn.lantian.store;

import cn.lantian.fact.History;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A subject's history from its stored evaluations, when a request brings none: how many of them found
 * violations in the twelve months before the inspection, and the correction order still open.
 * <p>
 * The open order is the latest evaluation's: none when that one passed (a follow-up that passes closes
 * it); on a follow-up that still found ordered items failing, the original order (date and fine) for
 * those items; otherwise the items that evaluation ordered put right, its date, and the fines it decided.
 */
final class HistoryDeriver {
    private HistoryDeriver() {}

    /** From the count of evaluations with violations in the year before, and the latest evaluation. */
    static History derive(int violationsLastYear, Optional<StoredEvaluation> latest, ObjectMapper json) {
        History.Rectification open = latest.map(e -> openOrder(e, json)).orElse(null);
        return violationsLastYear == 0 && open == null ? null : new History(violationsLastYear, open);
    }

    private static History.Rectification openOrder(StoredEvaluation latest, ObjectMapper json) {
        if (latest.compliant()) {
            return null;
        }
        try {
            JsonNode decision = json.readTree(latest.decision());
            Set<String> failing = new LinkedHashSet<>();
            decision.path("violations").forEach(v -> failing.add(v.path("code").asText()));
            JsonNode earlierOrder = json.readTree(latest.inspection()).path("history").path("rectification");
            if (failing.contains("NOT_RECTIFIED") && earlierOrder.isObject()) {
                List<String> still = new ArrayList<>();
                earlierOrder.path("items").forEach(i -> {
                    if (failing.contains(i.asText())) {
                        still.add(i.asText());
                    }
                });
                return new History.Rectification(OffsetDateTime.parse(earlierOrder.path("orderedAt").asText()), still,
                        earlierOrder.path("originalFineYuan").asLong());
            }
            Set<String> ordered = new LinkedHashSet<>();
            decision.path("orders").forEach(o -> {
                if (o.path("type").asText().equals("RECTIFY")) {
                    ordered.add(o.path("violation").asText());
                }
            });
            long fines = 0;
            for (JsonNode p : decision.path("penalties")) {
                fines += p.path("recommendedFineYuan").asLong();
            }
            return ordered.isEmpty() ? null
                    : new History.Rectification(latest.inspectedAt(), List.copyOf(ordered), fines);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored evaluation " + latest.id() + " is not readable JSON", e);
        }
    }
}
