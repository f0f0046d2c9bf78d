package cn.lantian.store;

import cn.lantian.audit.Comparison;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.Decision;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.History;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.Order;
import cn.lantian.metrics.ServiceMetrics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Decisions as administrative acts: each evaluation is decided with what the store knows (the subject's
 * history, the alert in force) and kept whole, so that it can be read back, listed and replayed.
 */
@ApplicationScoped
public class Ledger {
    @Inject
    ActiveRuleset rules;

    @Inject
    EvaluationStore evaluations;

    @Inject
    AlertRegistry alerts;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    java.time.Clock clock;

    @Inject
    Database db;

    /** The rules, unless a benchmark build names its hand-written evaluator ({@link cn.lantian.engine.DecisionEngine}). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "lantian.engine.decider", defaultValue = "rules")
    String decider;

    private volatile cn.lantian.engine.DecisionEngine engine;

    @Inject
    AuditLog audit;

    @Inject
    CaseBook cases;

    @Inject
    ServiceMetrics metrics;

    /**
     * Decides a request, stores it, and answers the decision exactly as stored, once it is durable: the
     * alert and history it is decided with and the record itself are read and written in one transaction.
     */
    public String decideAndRecord(String body, Recording who) {
        return counted(db.transaction(() -> decideAndStore(body, who)));
    }

    /**
     * Who records an evaluation, and the check of what that user may record: run on the record as read,
     * before anything is derived or stored (it throws to refuse); and what else the recording keeps
     * ({@code kept}: run in its transaction once the record and its cases are kept, with the record as decided and
     * its decision; it throws to refuse the whole recording).
     */
    public record Recording(String recordedBy, Consumer<Inspection> authorize,
                            java.util.function.BiConsumer<Inspection, Decision> kept) {
        public Recording(String recordedBy, Consumer<Inspection> authorize) {
            this(recordedBy, authorize, (inspection, decision) -> {});
        }
    }

    /**
     * {@link #decideAndRecord}, without holding the calling thread while the disk syncs: decided, stored
     * and committed on the calling thread (a bad request throws there), the decision comes once the record
     * is durable.
     */
    public CompletionStage<String> decideAndRecordDurably(String body, Recording who) {
        return db.durableTransaction(() -> decideAndStore(body, who)).thenApply(this::counted);
    }

    /** A decision kept, and what its metrics need: counted once it is durable, and so answered. */
    private record Stored(String answer, Ruleset ruleset, String jurisdiction, Decision decision) {}

    private String counted(Stored stored) {
        metrics.decided(stored.ruleset(), stored.jurisdiction(), stored.decision(), true);
        return stored.answer();
    }

    /** A decider named and absent stops the start, not the first request. */
    void atStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        engine();
    }

    private cn.lantian.engine.DecisionEngine engine() {
        cn.lantian.engine.DecisionEngine e = engine;
        if (e == null) {
            e = "rules".equals(decider) ? cn.lantian.engine.DecisionEngine.RULES : loaded(decider);
            engine = e;
        }
        return e;
    }

    /** A benchmark build's evaluator, by its class name: one that is not there stops the service rather than guess. */
    private static cn.lantian.engine.DecisionEngine loaded(String className) {
        try {
            Object e = Thread.currentThread().getContextClassLoader().loadClass(className).getDeclaredConstructor().newInstance();
            org.jboss.logging.Logger.getLogger(Ledger.class).warnf("decisions of the API are made by %s, not by the rules:"
                    + " a benchmark build (lantian.engine.decider)", className);
            return (cn.lantian.engine.DecisionEngine) e;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("lantian.engine.decider names " + className
                    + ", which is not a DecisionEngine of this build (only a benchmark build adds one)", e);
        }
    }

    /** The rules' run for a decision of the API, timed. */
    private Decision evaluate(Ruleset ruleset, Inspection inspection) {
        long start = System.nanoTime();
        Decision decision = engine().decide(ruleset, inspection);
        metrics.ruleRun(System.nanoTime() - start);
        return decision;
    }

    private Stored decideAndStore(String body, Recording who) {
        Ruleset ruleset = rules.get();
        Inspection read = reader().read(body, ruleset);
        who.authorize().accept(read);
        ObjectNode effective = (ObjectNode) tree(body);
        if (read.subject().standard() != null) {
            ((ObjectNode) effective.get("subject")).put("standard", read.subject().standard());
        }
        Inspection inspection = read;
        if (read.alertLevel() == null && read.subject().jurisdiction() != null) {
            AlertLevel level = alerts.inForce(read.subject().jurisdiction(), read.inspectedAt())
                    .map(AlertRegistry.Alert::level).orElse(AlertLevel.NONE);
            inspection = inspection.asIf(read.inspectedAt(), level);
            effective.put("alertLevel", level.name());
        }
        List<StoredCase> open = cases.openBefore(read.subject().id(), read.inspectedAt());
        if (read.history() == null) {
            History derived = historyOf(ruleset, read.subject().id(), read.inspectedAt(), open);
            if (derived != null) {
                inspection = inspection.withHistory(derived);
                effective.set("history", json.valueToTree(derived));
            }
        } else if (!open.isEmpty()) {
            // the store keeps this subject's open orders as its cases: the record is decided with them
            History given = read.history().normalised();
            if (!given.openOrders().isEmpty()) {
                throw new cn.lantian.engine.InvalidRequestException(cn.lantian.engine.Text.of("lantian.title.inspection"),
                        List.of(cn.lantian.engine.FieldError.of(read.history().rectification() != null
                                ? "history.rectification" : "history.rectifications", "lantian.record.casesKept",
                                "subject", read.subject().id())));
            }
            History with = new History(given.violationsLast12Months(), null, CaseBook.openOrders(open),
                    given.violationsLast24Months());
            inspection = inspection.withHistory(with);
            effective.set("history", json.valueToTree(with));
        }
        Decision decision = evaluate(ruleset, inspection);
        String answer = write(decision);
        evaluations.save(new StoredEvaluation(decision.evaluationId(), read.subject().id(), read.subject().kind().name(),
                read.subject().jurisdiction(), read.inspectedAt(), OffsetDateTime.now(clock), ruleset.version(),
                decision.compliant(), body, effective.toString(), answer, who.recordedBy()));
        cases.afterRecorded(decision.evaluationId(), inspection, decision, ruleset, who.recordedBy(), open);
        who.kept().accept(inspection, decision);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subject", read.subject().id());
        detail.put("jurisdiction", read.subject().jurisdiction());
        detail.put("compliant", decision.compliant());
        detail.put("violations", decision.violations().stream().map(v -> v.code()).distinct().toList());
        audit.record(who.recordedBy(), "EVALUATION_RECORDED", decision.evaluationId(), read.subject().jurisdiction(), detail);
        return new Stored(answer, ruleset, read.subject().jurisdiction(), decision);
    }

    /** Decides a request on its own, without the store: nothing derived, nothing kept; {@code authorize} may refuse it. */
    public String decide(String body, Consumer<Inspection> authorize) {
        Ruleset ruleset = rules.get();
        Inspection inspection = reader().read(body, ruleset);
        authorize.accept(inspection);
        Decision decision = evaluate(ruleset, inspection);
        String answer = write(decision);
        metrics.decided(ruleset, inspection.subject().jurisdiction(), decision, false);
        return answer;
    }

    /** The record with the history its stored evaluations give, when it brings none (self-checks too). */
    public Inspection withStoredHistory(Inspection record, OffsetDateTime at) {
        if (record.history() != null) {
            return record;
        }
        History derived = historyOf(rules.get(), record.subject().id(), at, cases.openBefore(record.subject().id(), at));
        return derived == null ? record : record.withHistory(derived);
    }

    private History historyOf(Ruleset ruleset, String subjectId, OffsetDateTime at, List<StoredCase> open) {
        History derived = HistoryDeriver.derive(evaluations.violationsBetween(subjectId, at.minusMonths(12), at),
                CaseBook.openOrders(open));
        java.util.Map<String, Integer> byBasis = HistoryDeriver.byLegalBasis(
                evaluations.withViolationsBetween(subjectId, at.minusMonths(24), at), json);
        if (byBasis.isEmpty()) {
            return derived;
        }
        return derived == null ? new History(0, null, java.util.List.of(), byBasis)
                : new History(derived.violationsLast12Months(), derived.rectification(), derived.rectifications(), byBasis);
    }

    public Optional<StoredEvaluation> find(String id) {
        return evaluations.find(id);
    }

    /** The stored evaluation decided again under the current rules, and whether anything differs. */
    public record Replay(String evaluationId, String storedRulesetVersion, String currentRulesetVersion,
                         boolean identical, JsonNode stored, JsonNode replayed) {}

    public Optional<Replay> replay(String id) {
        return evaluations.find(id).map(e -> {
            Ruleset ruleset = rules.get();
            Decision again = Evaluator.evaluate(ruleset, reader().read(e.inspection(), ruleset));
            JsonNode before = Comparison.essence(tree(e.decision()));
            JsonNode now = Comparison.essence(tree(write(again)));
            return new Replay(id, e.rulesetVersion(), ruleset.version(), before.equals(now), before, now);
        });
    }

    /** What an alert orders each subject of a jurisdiction that has a stored evaluation. */
    public record SubjectOrders(String subjectId, String name, String kind, String basedOn, List<Order> orders) {}

    public record AlertOrders(String jurisdiction, OffsetDateTime at, AlertLevel level, List<SubjectOrders> subjects) {}

    public AlertOrders ordersUnderAlert(String jurisdiction, OffsetDateTime at) {
        Ruleset ruleset = rules.get();
        AlertLevel level = alerts.inForce(jurisdiction, at).map(AlertRegistry.Alert::level).orElse(AlertLevel.NONE);
        List<SubjectOrders> subjects = evaluations.latestPerSubject(jurisdiction).stream().map(e -> {
            Inspection latest = reader().read(e.inspection(), ruleset).asIf(at, level);
            List<Order> orders = Evaluator.evaluate(ruleset, latest).orders().stream()
                    .filter(o -> o.alertLevel() != null).toList();
            return new SubjectOrders(e.subjectId(), latest.subject().name(), e.subjectKind(), e.id(), orders);
        }).toList();
        return new AlertOrders(jurisdiction, at, level, subjects);
    }

    private InspectionReader reader() {
        return new InspectionReader(new RequestReader(validator));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the decision", e);
        }
    }
}
