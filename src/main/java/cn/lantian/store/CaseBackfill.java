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

    void onStart(@Observes StartupEvent start) {
        int made = run();
        if (made > 0) {
            LOG.infof("opened %d rectification cases from the open orders of evaluations kept before cases existed", made);
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
                    for (String item : order.items()) {
                        JsonNode o = given ? orders.get(item) : null;
                        CaseState state = given || !titles.containsKey(item) ? CaseState.OPEN : CaseState.NOT_RECTIFIED;
                        String deadline = o == null ? "" : o.path("deadline").asText("");
                        StoredCase c = new StoredCase(UUID.randomUUID().toString(), latest.subjectId(), latest.subjectKind(),
                                inspection.subject().name(), latest.jurisdiction(), item, titles.getOrDefault(item, item),
                                o == null ? null : o.path("legalBasis").asText(null), o == null ? null : o.path("reason").asText(null),
                                latest.id(), order.orderedAt(), deadline.isEmpty() ? null : OffsetDateTime.parse(deadline),
                                order.originalFineYuan(), state, order.claimedRectified().contains(item), null, now);
                        store.insert(c);
                        store.addStep(c.id(), new StoredCase.Step(1, latest.id(), latest.inspectedAt(),
                                state == CaseState.NOT_RECTIFIED ? CaseOutcome.FAILED : CaseOutcome.OPENED));
                        made++;
                    }
                }
            }
            return made;
        });
    }

    private JsonNode tree(StoredEvaluation e) {
        try {
            return json.readTree(e.decision());
        } catch (IOException x) {
            throw new IllegalStateException("stored evaluation " + e.id() + " is not readable JSON", x);
        }
    }
}
