package cn.lantian.store;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.CaseOutcome;
import cn.lantian.fact.CaseState;
import cn.lantian.fact.History;
import cn.lantian.fact.Inspection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A data folder from before cases were kept holds open orders only in its evaluations: at the first start
 * with cases, each subject's open orders, as they followed from its latest evaluation
 * ({@link HistoryDeriver#openOrders}), become its cases, once (the first instance to claim it does it, in one
 * transaction). An order the latest evaluation gave is OPEN with its deadline; an older one still failing
 * then is NOT_RECTIFIED; one it did not inspect is OPEN; the subject's reply then is kept as its claim.
 */
@ApplicationScoped
public class CaseBackfill {
    private static final Logger LOG = Logger.getLogger(CaseBackfill.class);

    @Inject
    Database db;

    @Inject
    CaseStore store;

    @Inject
    EvaluationStore evaluations;

    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private volatile boolean done;

    void onStart(@Observes StartupEvent start) {
        ensure();
    }

    /**
     * Fills the cases unless this instance has seen it done; with the store out of reach the service starts all
     * the same (it answers 503 until the store is back) and the next call tries again (the overdue watch calls it).
     */
    public void ensure() {
        if (done) {
            return;
        }
        try {
            int made = run();
            done = true;
            if (made > 0) {
                LOG.infof("opened %d rectification cases from the open orders of evaluations kept before cases existed", made);
            }
        } catch (StoreUnavailableException e) {
            LOG.warnf("the cases of evaluations kept before cases existed could not be filled yet: %s", e.getMessage());
        }
    }

    /** Fills the cases once; the number made (0 when already done, or when there is nothing to fill). */
    int run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Ruleset ruleset = rules.get();
        RequestReader structural = new RequestReader(validator);
        return db.transaction(() -> {
            if (!store.claimBackfill(now)) {
                return 0;
            }
            int made = 0;
            for (StoredEvaluation latest : evaluations.latestOfEverySubject()) {
                if (latest.jurisdiction() == null) {
                    continue;
                }
                try {
                    made += fill(latest, ruleset, structural, now);
                } catch (RuntimeException e) {
                    if (e instanceof StoreUnavailableException) {
                        throw e;
                    }
                    // one record the rules of today cannot read keeps its subject's orders in its evaluations only
                    LOG.warnf("the open orders of %s (evaluation %s) could not be made cases: %s", latest.subjectId(),
                            latest.id(), e.getMessage());
                }
            }
            return made;
        });
    }

    /** The cases of one subject's open orders, from its latest evaluation; how many. */
    private int fill(StoredEvaluation latest, Ruleset ruleset, RequestReader structural, OffsetDateTime now) {
        int made = 0;
        List<History.Rectification> open = HistoryDeriver.openOrders(latest, ruleset,
                text -> structural.parse(text, Inspection.class), json);
        JsonNode decision = tree(latest);
        Map<String, String> titles = new HashMap<>();
        decision.path("violations").forEach(v -> titles.putIfAbsent(v.path("code").asText(), v.path("title").asText()));
        Map<String, JsonNode> orders = new HashMap<>();
        decision.path("orders").forEach(o -> {
            if (o.path("type").asText().equals("RECTIFY")) {
                orders.putIfAbsent(o.path("violation").asText(), o);
            }
        });
        Inspection inspection = structural.parse(latest.inspection(), Inspection.class);
        for (History.Rectification order : open) {
            boolean given = order.orderedAt().toInstant().equals(latest.inspectedAt().toInstant());
            Map<String, JsonNode> ordering = given ? orders : ordersOfEvaluationAt(latest.subjectId(), order.orderedAt());
            for (String item : order.items()) {
                JsonNode o = ordering.get(item);
                CaseState state = given || !titles.containsKey(item) ? CaseState.OPEN : CaseState.NOT_RECTIFIED;
                String deadline = o == null ? "" : o.path("deadline").asText("");
                StoredCase c = new StoredCase(UUID.randomUUID().toString(), latest.subjectId(), latest.subjectKind(),
                        inspection.subject().name(), latest.jurisdiction(), item, titles.getOrDefault(item, item),
                        o == null ? null : o.path("legalBasis").asText(null), o == null ? null : o.path("reason").asText(null),
                        latest.id(), order.orderedAt(), deadline.isEmpty() ? null : OffsetDateTime.parse(deadline),
                        order.originalFineYuan(), state, order.claimedRectified().contains(item), null, now,
                        latest.inspectedAt(), 1, StoredCase.FROM_INSPECTION);
                store.insert(c);
                store.addStep(c.id(), new StoredCase.Step(1, latest.id(), latest.inspectedAt(),
                        state == CaseState.NOT_RECTIFIED ? CaseOutcome.FAILED : CaseOutcome.OPENED));
                made++;
            }
        }
        return made;
    }

    /** The RECTIFY orders by item of the subject's evaluation inspected at that instant (where an older order came from). */
    private Map<String, JsonNode> ordersOfEvaluationAt(String subjectId, OffsetDateTime at) {
        Map<String, JsonNode> out = new HashMap<>();
        for (StoredEvaluation e : evaluations.withViolationsBetween(subjectId, at, at.plusSeconds(1))) {
            tree(e).path("orders").forEach(o -> {
                if (o.path("type").asText().equals("RECTIFY")) {
                    out.putIfAbsent(o.path("violation").asText(), o);
                }
            });
        }
        return out;
    }

    private JsonNode tree(StoredEvaluation e) {
        try {
            return json.readTree(e.decision());
        } catch (IOException x) {
            throw new IllegalStateException("stored evaluation " + e.id() + " is not readable JSON", x);
        }
    }
}
