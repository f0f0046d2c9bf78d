package cn.lantian.monitoring;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.MonitoringStream;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Text;
import cn.lantian.fact.AlarmRule;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.service.Inspections;
import cn.lantian.store.AuditLog;
import cn.lantian.store.CaseBook;
import cn.lantian.store.CaseStore;
import cn.lantian.store.Database;
import cn.lantian.store.EvaluationStore;
import cn.lantian.store.MonitorStore;
import cn.lantian.store.StoredCase;
import cn.lantian.store.StoreConflictException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * An inspector's verification of a monitoring alarm (domain.md section 10: "an inspector's verification turns it into
 * facts of an inspection"), once per alarm:
 * <ul>
 * <li>CONFIRMED: an inspection of the alarm's subject is recorded, as any recorded inspection is (decided with the
 *     store's history and the alert in force, durable, audited, its orders opening or taking over cases), with the fact
 *     the alarm table gives ({@code monitoring/alarms.csv}: {@code site.pm10HourlyUgM3} the highest hourly mean of a
 *     PM10 alarm, {@code site.monitoring.connected} false for an offline monitor) laid over what the inspector found on
 *     site. The alarm names the evaluation; its case becomes the order's case when the record orders its item put
 *     right, and closes when the record, decided, orders nothing for it.</li>
 * <li>DISMISSED: the inspector's note says why (a fault of the device, works the county's mean does not show); the
 *     alarm's case closes once every alarm it holds is verified.</li>
 * </ul>
 * The alarm's state, the evaluation and the case move in one transaction: a second verification, however close, is
 * refused and keeps nothing.
 */
@ApplicationScoped
public class AlarmVerifications {
    public static final String CONFIRMED = "CONFIRMED";
    public static final String DISMISSED = "DISMISSED";

    @Inject
    MonitorStore store;

    @Inject
    Monitoring monitoring;

    @Inject
    MonitoringJudge judge;

    @Inject
    Inspections inspections;

    @Inject
    CaseBook cases;

    @Inject
    CaseStore caseStore;

    @Inject
    EvaluationStore evaluations;

    @Inject
    AuditLog audit;

    @Inject
    Database db;

    @Inject
    ActiveRuleset rules;

    @Inject
    java.time.Clock clock;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    /** The verification an inspector sends: the outcome, a note (required to dismiss), and what was found on site. */
    public record VerificationRequest(
            @NotNull @Pattern(regexp = "CONFIRMED|DISMISSED", message = "must be CONFIRMED or DISMISSED") String outcome,
            @Size(max = 2000) String note,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = cn.lantian.fact.Inspection.class,
                    description = "The inspection record of the visit (contract section 1), optional: the subject, its jurisdiction and "
                            + "inspectedAt default to the alarm's and now; the alarm's own fact is laid over it")
            JsonNode inspection) {}

    /** The answer: the alarm as it now stands, and for a confirmation the decision of the inspection recorded. */
    public record VerificationAnswer(Monitoring.AlarmEntry alarm, JsonNode evaluation) {}

    /** The alarm was verified before (or meanwhile): nothing of this verification was kept. */
    public static final class AlreadyVerified extends StoreConflictException {
        private final String state;
        private final String evaluationId;

        AlreadyVerified(MonitorStore.StoredAlarm alarm) {
            super("the alarm " + alarm.id() + " was verified already (" + alarm.state() + "); nothing of this verification was kept");
            this.state = alarm.state();
            this.evaluationId = alarm.verification() == null ? null : alarm.verification().evaluationId();
        }

        public String state() {
            return state;
        }

        /** The evaluation a confirmation was recorded in (null for a dismissal): what a client that lost the answer reads. */
        public String evaluationId() {
            return evaluationId;
        }
    }

    private AlreadyVerified already(String alarmId) {
        return new AlreadyVerified(store.alarm(alarmId).orElseThrow());
    }

    public CompletionStage<VerificationAnswer> verify(Actor actor, String alarmId, String body) {
        MonitorStore.StoredAlarm alarm = store.alarm(alarmId).orElseThrow(() -> new NotFoundException("no alarm " + alarmId));
        if (!actor.has(Role.INSPECTOR) || !actor.actsIn(alarm.jurisdiction())) {
            throw new ForbiddenException(actor.username() + " does not verify alarms in the jurisdiction " + alarm.jurisdiction());
        }
        RequestReader reader = new RequestReader(validator);
        VerificationRequest req = reader.parse(body, VerificationRequest.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(req));
        boolean dismiss = DISMISSED.equals(req.outcome());
        if (dismiss && (req.note() == null || req.note().isBlank())) {
            errors.add(FieldError.of("note", "lantian.alarm.dismissNote"));
        }
        if (dismiss && req.inspection() != null && !req.inspection().isNull()) {
            errors.add(FieldError.of("inspection", "lantian.alarm.dismissInspection"));
        }
        if (req.inspection() != null && !req.inspection().isNull() && !req.inspection().isObject()) {
            errors.add(FieldError.of("inspection", "lantian.alarm.inspectionObject"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.alarmVerification"), errors);
        }
        if (!MonitorStore.OPEN.equals(alarm.state())) {
            throw new AlreadyVerified(alarm);
        }
        String note = req.note() == null || req.note().isBlank() ? null : req.note().strip();
        if (dismiss) {
            return java.util.concurrent.CompletableFuture.completedFuture(dismiss(actor, alarm, note));
        }
        StoredCase ordered = alarm.caseId() == null ? null : caseStore.find(alarm.caseId())
                .filter(c -> c.state().isOpen() && !c.fromAlarm()).orElse(null);
        return ordered != null ? java.util.concurrent.CompletableFuture.completedFuture(link(actor, alarm, note, req.inspection(), ordered))
                : confirm(actor, alarm, note, req.inspection());
    }

    private VerificationAnswer dismiss(Actor actor, MonitorStore.StoredAlarm alarm, String note) {
        db.transaction(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (!store.verify(alarm.id(), new MonitorStore.Verification(DISMISSED, null, actor.username(), now, note))) {
                throw already(alarm.id());
            }
            audit.record(actor.username(), "ALARM_DISMISSED", alarm.id(), alarm.jurisdiction(), detail(alarm, note, null));
            settleCase(actor, alarm, DISMISSED, null, null);
            return null;
        });
        return new VerificationAnswer(entry(alarm.id()), null);
    }

    /**
     * A confirmation of an alarm whose case an inspection's order already holds (another alarm of it confirmed, or the
     * site inspected and ordered since): the alarm is confirmed as part of that order, and no inspection is recorded
     * for it. Its readings are evidence for the order while it runs: recording them as a follow-up would judge the
     * order heeded or not on an alarm's hours, before an inspector has looked. A follow-up of the order is an
     * inspection of its own.
     */
    private VerificationAnswer link(Actor actor, MonitorStore.StoredAlarm alarm, String note, JsonNode given, StoredCase ordered) {
        if (given != null && !given.isNull()) {
            throw new InvalidRequestException(Text.of("lantian.title.alarmVerification"),
                    List.of(FieldError.of("inspection", "lantian.alarm.underOrder", "evaluation", ordered.openedBy())));
        }
        String evaluationId = ordered.openedBy();
        db.transaction(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (!store.verify(alarm.id(), new MonitorStore.Verification(CONFIRMED, evaluationId, actor.username(), now, note))) {
                throw already(alarm.id());
            }
            Map<String, Object> detail = detail(alarm, note, evaluationId);
            detail.put("case", ordered.id());
            audit.record(actor.username(), "ALARM_CONFIRMED", alarm.id(), alarm.jurisdiction(), detail);
            return null;
        });
        JsonNode decision = evaluations.find(evaluationId).map(e -> {
            try {
                return json.readTree(e.decision());
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        }).orElse(null);
        return new VerificationAnswer(entry(alarm.id()), decision);
    }

    private CompletionStage<VerificationAnswer> confirm(Actor actor, MonitorStore.StoredAlarm alarm, String note, JsonNode given) {
        MonitoringStream.AlarmView view = monitoring.view(alarm);
        String record = inspection(alarm, view, given);
        java.util.concurrent.atomic.AtomicReference<MonitorStore.StoredAlarm> kept = new java.util.concurrent.atomic.AtomicReference<>();
        CompletionStage<String> recorded;
        try {
            recorded = inspections.record(actor, record, (inspection, decision) -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                if (!store.verify(alarm.id(), new MonitorStore.Verification(CONFIRMED, decision.evaluationId(), actor.username(),
                        now, note))) {
                    throw already(alarm.id());
                }
                // a record inspected before the subject's latest one moves no case (CaseBook.afterRecorded): it would
                // neither take the alarm's case over nor settle it
                if (evaluations.inspectedAfter(alarm.subjectId(), inspection.inspectedAt())) {
                    throw new InvalidRequestException(Text.of("lantian.title.alarmVerification"),
                            List.of(FieldError.of("inspection.inspectedAt", "lantian.alarm.beforeLatest")));
                }
                audit.record(actor.username(), "ALARM_CONFIRMED", alarm.id(), alarm.jurisdiction(),
                        detail(alarm, note, decision.evaluationId()));
                settleCase(actor, alarm, CONFIRMED, decision.evaluationId(), inspection.inspectedAt());
                kept.set(new MonitorStore.StoredAlarm(alarm.id(), alarm.deviceId(), alarm.subjectId(), alarm.jurisdiction(),
                        alarm.day(), alarm.code(), alarm.raisedAt(), alarm.updatedAt(), alarm.detail(), alarm.caseId(),
                        new MonitorStore.Verification(CONFIRMED, decision.evaluationId(), actor.username(), now, note)));
            });
        } catch (InvalidRequestException e) {
            throw nested(e);
        }
        // answered on a worker, not on the thread that completes the durable write for every request
        return recorded.handleAsync((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof InvalidRequestException invalid) {
                    throw nested(invalid);
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new CompletionException(cause);
            }
            try {
                return new VerificationAnswer(Monitoring.AlarmEntry.of(kept.get(), view), json.readTree(answer));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }, io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    /** The alarm's case closes once each of its alarms is verified, unless an order has taken it over. */
    private void settleCase(Actor actor, MonitorStore.StoredAlarm alarm, String outcome, String evaluationId, OffsetDateTime at) {
        if (alarm.caseId() != null) {
            cases.settleAlarmCase(alarm.caseId(), () -> store.unverified(alarm.caseId()), actor.username(), alarm.id(), outcome,
                    evaluationId, at);
        }
    }

    /**
     * The inspection a confirmation records: the inspector's record of the visit (or an empty one), its subject the
     * alarm's, inspected now unless it says when (not before the alarm was raised), with the alarm's fact laid over it.
     * A field the inspector gave that the alarm gives otherwise is refused, naming it.
     */
    private String inspection(MonitorStore.StoredAlarm alarm, MonitoringStream.AlarmView view, JsonNode given) {
        ObjectNode record = given == null || given.isNull() ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) given).deepCopy();
        List<FieldError> errors = new ArrayList<>();
        JsonNode subjectNode = record.get("subject");
        ObjectNode subject;
        if (subjectNode == null || subjectNode.isNull()) {
            subject = record.putObject("subject");
        } else if (subjectNode.isObject()) {
            subject = (ObjectNode) subjectNode;
        } else {
            throw new InvalidRequestException(Text.of("lantian.title.alarmVerification"),
                    List.of(FieldError.of("inspection.subject", "lantian.alarm.inspectionObject")));
        }
        same(subject, "id", alarm.subjectId(), "inspection.subject.id", errors);
        same(subject, "jurisdiction", alarm.jurisdiction(), "inspection.subject.jurisdiction", errors);
        if (!subject.hasNonNull("kind")) {
            subject.put("kind", "SITE");
        }
        JsonNode at = record.get("inspectedAt");
        if (at == null || at.isNull()) {
            record.put("inspectedAt", OffsetDateTime.now(clock).atZoneSameInstant(judge.zone()).toOffsetDateTime()
                    .truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            try {
                if (OffsetDateTime.parse(at.asText()).isBefore(alarm.raisedAt())) {
                    errors.add(FieldError.of("inspection.inspectedAt", "lantian.alarm.beforeRaised", "raisedAt", view.raisedAt()));
                }
            } catch (DateTimeParseException e) {
                // the record's own reading names the field
            }
        }
        AlarmRule rule = rules.get().referenceAt(alarm.day()).alarmRule(alarm.code()).stream().findFirst().orElse(null);
        if (rule != null && rule.inspectionField() != null) {
            JsonNode value = factOf(rule, view);
            if (value != null) {
                lay(record, rule.inspectionField(), value, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.alarmVerification"), errors);
        }
        return record.toString();
    }

    /** The value the alarm gives its table's field: the highest hourly mean among its hours, or a yes or no. */
    private static JsonNode factOf(AlarmRule rule, MonitoringStream.AlarmView view) {
        if (AlarmRule.PEAK_HOUR_MEAN.equals(rule.inspectionValue())) {
            return view.hours() == null ? null : view.hours().stream().mapToDouble(MonitoringStream.HourView::siteMeanUgM3).max()
                    .stream().mapToObj(JsonNodeFactory.instance::numberNode).findFirst().orElse(null);
        }
        return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(rule.inspectionValue()));
    }

    private static void lay(ObjectNode record, String path, JsonNode value, List<FieldError> errors) {
        String[] parts = path.split("\\.");
        ObjectNode at = record;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (next == null || next.isNull()) {
                at = at.putObject(parts[i]);
            } else if (next.isObject()) {
                at = (ObjectNode) next;
            } else {
                errors.add(FieldError.of("inspection." + String.join(".", java.util.Arrays.copyOf(parts, i + 1)),
                        "lantian.alarm.inspectionObject"));
                return;
            }
        }
        String last = parts[parts.length - 1];
        JsonNode was = at.get(last);
        boolean same = was != null && (was.isNumber() && value.isNumber()
                ? Double.isFinite(was.doubleValue()) && Double.compare(was.doubleValue(), value.doubleValue()) == 0 : was.equals(value));
        if (was != null && !was.isNull() && !same) {
            errors.add(FieldError.of("inspection." + path, "lantian.alarm.factGiven", "value", value.toString()));
            return;
        }
        at.set(last, value);
    }

    private static void same(ObjectNode subject, String field, String alarms, String name, List<FieldError> errors) {
        JsonNode v = subject.get(field);
        if (v == null || v.isNull()) {
            subject.put(field, alarms);
        } else if (!v.isTextual() || !v.asText().equals(alarms)) {
            errors.add(FieldError.of(name, "lantian.alarm.otherSubject", "value", alarms));
        }
    }

    private static InvalidRequestException nested(InvalidRequestException e) {
        List<FieldError> errors = new ArrayList<>();
        for (FieldError f : e.errors()) {
            String field = f.field() == null || f.field().isEmpty() ? "inspection"
                    : f.field().startsWith("inspection.") || f.field().equals("inspection") ? f.field() : "inspection." + f.field();
            errors.add(new FieldError(field, f.message(), f.text()));
        }
        return e.title() != null ? new InvalidRequestException(e.title(), errors) : new InvalidRequestException(e.getMessage(), errors);
    }

    private static Map<String, Object> detail(MonitorStore.StoredAlarm alarm, String note, String evaluationId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subject", alarm.subjectId());
        detail.put("device", alarm.deviceId());
        detail.put("code", alarm.code());
        detail.put("day", alarm.day().toString());
        if (evaluationId != null) {
            detail.put("evaluation", evaluationId);
        }
        if (note != null) {
            detail.put("note", note);
        }
        return detail;
    }

    private Monitoring.AlarmEntry entry(String id) {
        return monitoring.entry(store.alarm(id).orElseThrow());
    }
}
