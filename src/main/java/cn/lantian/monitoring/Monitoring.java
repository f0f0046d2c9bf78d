package cn.lantian.monitoring;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.MonitoringStream;
import cn.lantian.engine.RequestReader;
import cn.lantian.fact.AlarmRule;
import cn.lantian.fact.MonitorAlarm;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.store.AuditLog;
import cn.lantian.store.CaseBook;
import cn.lantian.store.Database;
import cn.lantian.store.MonitorStore;
import cn.lantian.store.StoredCase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Online monitoring as its users see it (contract section 10): monitors registered to a subject, a device's batch
 * of readings stored and judged by the stream rules before the answer, the counties' hourly means, and the alarms,
 * each kept once per device, day and code and opening a case. A registration and an upload of county means are
 * audited; readings are data a device sends, not acts of a user, and are not (the batch is in the store with the
 * time it was received).
 */
@ApplicationScoped
public class Monitoring {
    /** The most readings one POST may carry. */
    public static final int MAX_BATCH = 2000;
    /** The most county means one PUT may carry (a month of hours). */
    public static final int MAX_MEANS = 744;
    /** How far ahead of the service's clock a reading's time may be (a device's clock running a little fast). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** How old a reading may be: a device's buffer after a long outage, not a year's archive. */
    static final Duration OLDEST = Duration.ofDays(30);

    @Inject
    MonitorStore store;

    @Inject
    MonitoringJudge judge;

    @Inject
    ActiveRuleset rules;

    @Inject
    AuditLog audit;

    @Inject
    CaseBook cases;

    @Inject
    Database db;

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    public record MonitorRequest(@NotBlank @Size(max = 200) String subjectId, @NotBlank @Size(max = 100) String jurisdiction,
                                 @NotNull @Pattern(regexp = "PM10|TSP", message = "must be PM10 or TSP") String parameter,
                                 @Min(10) @Max(3600) Integer intervalSeconds, @Size(max = 400) String name) {}

    public record ReadingIn(@NotNull OffsetDateTime at, @NotNull @Min(0) @Max(10000) Double valueUgM3) {}

    public record MeanIn(OffsetDateTime hour, OffsetDateTime at, @NotNull @Min(0) @Max(10000) Double valueUgM3) {}

    public record MonitorView(String id, String subjectId, String jurisdiction, String parameter, int intervalSeconds,
                              String name, String registeredBy, OffsetDateTime registeredAt, OffsetDateTime updatedAt) {
        static MonitorView of(MonitorStore.StoredMonitor m) {
            return new MonitorView(m.id(), m.subjectId(), m.jurisdiction(), m.parameter(), m.intervalSeconds(), m.name(),
                    m.registeredBy(), m.registeredAt(), m.updatedAt());
        }
    }

    /**
     * An alarm as kept: the rules' alarm with its id and the case it opened, and where an inspector's verification left
     * it: {@code state} OPEN, CONFIRMED (with the evaluation it was recorded in) or DISMISSED (with the note).
     */
    public record AlarmEntry(String id, String caseId, OffsetDateTime updatedAt, MonitoringStream.AlarmView alarm, String state,
                             String evaluationId, String verifiedBy, OffsetDateTime verifiedAt, String verificationNote) {
        static AlarmEntry of(MonitorStore.StoredAlarm a, MonitoringStream.AlarmView view) {
            MonitorStore.Verification v = a.verification();
            return new AlarmEntry(a.id(), a.caseId(), a.updatedAt(), view, a.state(), v == null ? null : v.evaluationId(),
                    v == null ? null : v.verifiedBy(), v == null ? null : v.verifiedAt(), v == null ? null : v.note());
        }
    }

    /** A batch's answer: how many readings were new, how many had been sent before, and the alarms it raised or updated. */
    public record ReadingsAnswer(String device, int accepted, int duplicates, List<AlarmEntry> alarms) {}

    public record MeansAnswer(String jurisdiction, int hours, List<AlarmEntry> alarms) {}

    /** Two readings for one time with different values: the batch is refused whole. */
    public static final class ReadingConflict extends RuntimeException {
        private final List<FieldError> errors;

        ReadingConflict(List<FieldError> errors) {
            super("readings for these times were kept with other values; nothing of this batch was kept");
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    // ---- monitors ----------------------------------------------------------------------------------------

    public MonitorView register(Actor actor, String deviceId, String body) {
        RequestReader reader = new RequestReader(validator);
        MonitorRequest req = reader.parse(body, MonitorRequest.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(req));
        deviceId(deviceId, errors);
        if (errors.isEmpty() && rules.get().referenceToday(clock).label(cn.lantian.engine.LabelKinds.JURISDICTION,
                req.jurisdiction()).equals(req.jurisdiction())) {
            errors.add(new FieldError("jurisdiction", "is not a jurisdiction the rules know (labels.csv): " + req.jurisdiction()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The monitor is invalid", errors);
        }
        mayManage(actor, req.jurisdiction());
        store.monitor(deviceId).ifPresent(was -> mayManage(actor, was.jurisdiction()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        int interval = req.intervalSeconds() == null ? 60 : req.intervalSeconds();
        MonitorStore.StoredMonitor kept = db.transaction(() -> {
            MonitorStore.StoredMonitor m = store.putMonitor(new MonitorStore.StoredMonitor(deviceId, req.subjectId(),
                    req.jurisdiction(), req.parameter(), interval, req.name(), actor.username(), now, now));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("subject", m.subjectId());
            detail.put("parameter", m.parameter());
            detail.put("intervalSeconds", m.intervalSeconds());
            audit.record(actor.username(), "MONITOR_REGISTERED", deviceId, m.jurisdiction(), detail);
            return m;
        });
        keep(judge.apply(j -> j.monitor(MonitoringJudge.monitor(kept))));
        return MonitorView.of(kept);
    }

    public List<MonitorView> monitors(Actor actor, String jurisdiction) {
        if (jurisdiction != null && !actor.actsIn(jurisdiction)) {
            throw new ForbiddenException(actor.username() + " does not act in the jurisdiction " + jurisdiction);
        }
        return store.monitors(jurisdiction != null ? Set.of(jurisdiction) : actor.jurisdictions().isEmpty() ? null
                : actor.jurisdictions()).stream().map(MonitorView::of).toList();
    }

    public java.util.Optional<MonitorView> monitor(Actor actor, String id) {
        return store.monitor(id).filter(m -> actor.actsIn(m.jurisdiction())).map(MonitorView::of);
    }

    // ---- readings ----------------------------------------------------------------------------------------

    /** A device's batch: validated whole, stored in one transaction, judged, and the alarms kept, before the answer. */
    public ReadingsAnswer readings(Actor actor, String deviceId, String body) {
        if (!actor.has(Role.MONITOR) || !actor.owns(deviceId)) {
            throw new ForbiddenException("only the monitor's own account sends its readings");
        }
        MonitorStore.StoredMonitor monitor = store.monitor(deviceId)
                .orElseThrow(() -> new InvalidRequestException("The readings are refused",
                        List.of(new FieldError("deviceId", "no monitor " + deviceId + " is registered"))));
        RequestReader reader = new RequestReader(validator);
        ReadingIn[] batch = reader.parseList(body, ReadingIn[].class);
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        if (batch == null || batch.length == 0) {
            errors.add(new FieldError("", "a batch holds 1 to " + MAX_BATCH + " readings"));
        } else if (batch.length > MAX_BATCH) {
            errors.add(new FieldError("", "a batch holds at most " + MAX_BATCH + " readings, not " + batch.length));
        }
        Map<Instant, Integer> seen = new HashMap<>();
        Map<Instant, MonitorStore.Reading> unique = new LinkedHashMap<>();
        for (int i = 0; errors.isEmpty() && i < batch.length; i++) {
            ReadingIn r = batch[i];
            if (r == null) {
                errors.add(new FieldError("[" + i + "]", "must be a reading {at, valueUgM3}"));
                continue;
            }
            int index = i;
            reader.violations(r).forEach(e -> errors.add(new FieldError("[" + index + "]." + e.field(), e.message())));
            if (r.at() == null || r.valueUgM3() == null) {
                continue;
            }
            Instant at = r.at().toInstant().truncatedTo(ChronoUnit.MILLIS);
            if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
                errors.add(new FieldError("[" + i + "].at", "is in the future (" + r.at() + "; the service's clock reads "
                        + now.atOffset(r.at().getOffset()) + ")"));
            } else if (at.isBefore(now.minus(OLDEST))) {
                errors.add(new FieldError("[" + i + "].at", "is more than " + OLDEST.toDays() + " days old"));
            }
            Integer first = seen.putIfAbsent(at, i);
            if (first != null && batch[first].valueUgM3().doubleValue() != r.valueUgM3().doubleValue()) {
                errors.add(new FieldError("[" + i + "].valueUgM3", "differs from [" + first + "] for the same time " + r.at()));
            }
            unique.putIfAbsent(at, new MonitorStore.Reading(at, r.valueUgM3()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The readings are invalid", errors);
        }
        Instant from = unique.keySet().stream().min(Instant::compareTo).orElseThrow();
        Instant to = unique.keySet().stream().max(Instant::compareTo).orElseThrow();
        List<MonitorStore.Reading> fresh = db.transaction(() -> {
            Map<Instant, Double> kept = store.readings(deviceId, from, to);
            List<FieldError> conflicts = new ArrayList<>();
            List<MonitorStore.Reading> out = new ArrayList<>();
            for (MonitorStore.Reading r : unique.values()) {
                Double was = kept.get(r.at());
                if (was == null) {
                    out.add(r);
                } else if (Double.compare(was.doubleValue(), r.valueUgM3()) != 0) {
                    conflicts.add(new FieldError("[" + seen.get(r.at()) + "].valueUgM3", "a reading for " + r.at()
                            + " was kept with the value " + was + "; a reading, once sent, is not changed"));
                }
            }
            if (!conflicts.isEmpty()) {
                throw new ReadingConflict(conflicts);
            }
            store.addReadings(deviceId, out, now);
            return out;
        });
        List<MonitorStore.Reading> inOrder = new ArrayList<>(fresh);
        inOrder.sort(java.util.Comparator.comparing(MonitorStore.Reading::at));
        List<AlarmEntry> alarms = keep(judge.readings(MonitoringJudge.monitor(monitor), inOrder));
        // every alarm the rules changed is kept; the device is told its own
        return new ReadingsAnswer(deviceId, fresh.size(), batch.length - fresh.size(),
                alarms.stream().filter(a -> a.alarm().device().equals(deviceId)).toList());
    }

    // ---- county means -----------------------------------------------------------------------------------

    public MeansAnswer backgrounds(Actor actor, String jurisdiction, String body) {
        if (rules.get().referenceToday(clock).label(cn.lantian.engine.LabelKinds.JURISDICTION, jurisdiction).equals(jurisdiction)) {
            throw new InvalidRequestException("The county means are refused",
                    List.of(new FieldError("jurisdiction", "is not a jurisdiction the rules know (labels.csv): " + jurisdiction)));
        }
        mayManage(actor, jurisdiction);
        RequestReader reader = new RequestReader(validator);
        MeanIn[] means = reader.parseList(body, MeanIn[].class);
        List<FieldError> errors = new ArrayList<>();
        if (means == null || means.length == 0 || means.length > MAX_MEANS) {
            errors.add(new FieldError("", "an upload holds 1 to " + MAX_MEANS + " hourly means"));
        }
        Instant now = clock.instant();
        java.time.ZoneId zone = judge.zone();
        Map<Instant, MonitorStore.Background> byHour = new LinkedHashMap<>();
        for (int i = 0; errors.isEmpty() && i < means.length; i++) {
            MeanIn m = means[i];
            if (m == null) {
                errors.add(new FieldError("[" + i + "]", "must be an hourly mean {hour, valueUgM3}"));
                continue;
            }
            int index = i;
            reader.violations(m).forEach(e -> errors.add(new FieldError("[" + index + "]." + e.field(), e.message())));
            if ((m.hour() == null) == (m.at() == null)) {
                errors.add(new FieldError("[" + i + "].hour", "names either hour (the start of a local hour) or at (a time within it)"));
                continue;
            }
            Instant t = (m.hour() != null ? m.hour() : m.at()).toInstant();
            Instant start = t.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
            if (m.hour() != null && !start.equals(t)) {
                errors.add(new FieldError("[" + i + "].hour", "must be the start of an hour (" + m.hour() + " is not)"));
            } else if (start.isAfter(now)) {
                errors.add(new FieldError("[" + i + "]." + (m.hour() != null ? "hour" : "at"), "is an hour still to come"));
            } else if (start.isBefore(now.minus(OLDEST))) {
                errors.add(new FieldError("[" + i + "]." + (m.hour() != null ? "hour" : "at"), "is more than " + OLDEST.toDays() + " days old"));
            } else if (m.valueUgM3() != null && byHour.put(start, new MonitorStore.Background(jurisdiction, start, m.valueUgM3())) != null) {
                errors.add(new FieldError("[" + i + "]." + (m.hour() != null ? "hour" : "at"), "names an hour given before in this upload"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The county means are invalid", errors);
        }
        List<MonitorStore.Background> list = List.copyOf(byHour.values());
        db.transaction(() -> {
            store.putBackgrounds(jurisdiction, list, actor.username(), now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("hours", list.size());
            detail.put("from", list.stream().map(MonitorStore.Background::hourStart).min(Instant::compareTo).orElseThrow().toString());
            detail.put("to", list.stream().map(MonitorStore.Background::hourStart).max(Instant::compareTo).orElseThrow().toString());
            audit.record(actor.username(), "BACKGROUND_UPLOADED", jurisdiction, jurisdiction, detail);
            return null;
        });
        List<AlarmEntry> alarms = keep(judge.apply(j -> list.forEach(b -> j.countyMean(jurisdiction, b.hourStart(), b.valueUgM3()))));
        return new MeansAnswer(jurisdiction, list.size(), alarms);
    }

    // ---- alarms -----------------------------------------------------------------------------------------

    /** The alarms a user may read (staff in their jurisdictions, an ENTERPRISE account its own subjects), newest day first. */
    public List<AlarmEntry> alarms(Actor actor, String jurisdiction, String subject, LocalDate from, LocalDate to, int limit) {
        return alarms(actor, jurisdiction, subject, from, to, null, limit);
    }

    /** {@link #alarms(Actor, String, String, LocalDate, LocalDate, int)} in one state (OPEN, CONFIRMED, DISMISSED; null: any). */
    public List<AlarmEntry> alarms(Actor actor, String jurisdiction, String subject, LocalDate from, LocalDate to, String state,
                                   int limit) {
        Set<String> jurisdictions = null;
        Set<String> subjects = null;
        if (actor.hasAny(Role.INSPECTOR, Role.CHIEF)) {
            if (jurisdiction != null && !actor.actsIn(jurisdiction)) {
                throw new ForbiddenException(actor.username() + " does not act in the jurisdiction " + jurisdiction);
            }
            jurisdictions = actor.jurisdictions().isEmpty() ? null : actor.jurisdictions();
        } else {
            if (subject != null && !actor.owns(subject)) {
                throw new ForbiddenException(actor.username() + " may read only its own subjects' alarms");
            }
            subjects = actor.subjects();
        }
        List<AlarmEntry> out = new ArrayList<>();
        for (MonitorStore.StoredAlarm a : store.alarms(jurisdictions, subjects, subject, jurisdiction, from, to, state, limit)) {
            out.add(entry(a));
        }
        return out;
    }

    /** One alarm, for whoever may read its subject's alarms. */
    public java.util.Optional<AlarmEntry> alarm(Actor actor, String id) {
        java.util.Optional<MonitorStore.StoredAlarm> a = store.alarm(id);
        if (a.isPresent()) {
            MonitorStore.StoredAlarm found = a.get();
            boolean staff = actor.hasAny(Role.INSPECTOR, Role.CHIEF) && actor.actsIn(found.jurisdiction());
            if (!staff && !(actor.has(Role.ENTERPRISE) && actor.owns(found.subjectId()))) {
                throw new ForbiddenException(actor.username() + " may not read the alarms of " + found.subjectId());
            }
        }
        return a.map(this::entry);
    }

    /** The alarms the rules raised or updated: each kept (one per device, day and code) and, when new, its case opened. */
    private List<AlarmEntry> keep(List<MonitorAlarm> changed) {
        List<AlarmEntry> out = new ArrayList<>();
        for (MonitorAlarm a : changed) {
            MonitoringStream.AlarmView view = judge.view(a);
            out.add(keepOne(a, view));
        }
        return out;
    }

    /**
     * One alarm kept in its transaction. Two batches of one site's devices may open the site's case for the same code
     * at once: the one that loses the race finds the other's case open when it tries again, and joins it.
     */
    private AlarmEntry keepOne(MonitorAlarm a, MonitoringStream.AlarmView view) {
        for (int attempt = 1; ; attempt++) {
            try {
                return keepOnce(a, view);
            } catch (cn.lantian.store.StoreConflictException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private AlarmEntry keepOnce(MonitorAlarm a, MonitoringStream.AlarmView view) {
        return db.transaction(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            MonitorStore.StoredAlarm kept = store.putAlarm(new MonitorStore.StoredAlarm(null, a.getDevice(), a.getSubjectId(),
                    a.getJurisdiction(), LocalDate.parse(a.getDay()), a.getCode(), view.raisedAt(), now, write(view), null));
            if (kept.caseId() == null) {
                AlarmRule rule = rules.get().referenceAt(LocalDate.parse(a.getDay())).alarmRule(a.getCode()).stream()
                        .findFirst().orElse(null);
                int hours = rule == null ? 24 : rule.caseDeadlineHours();
                StoredCase c = cases.openForAlarm(kept.id(), a.getSubjectId(), a.getJurisdiction(), a.getCode(), a.getTitle(),
                        view.legalBasis(), a.getMessage(), view.raisedAt(), view.raisedAt().plusHours(hours));
                store.setCase(kept.id(), c.id());
                kept = new MonitorStore.StoredAlarm(kept.id(), kept.deviceId(), kept.subjectId(), kept.jurisdiction(),
                        kept.day(), kept.code(), kept.raisedAt(), kept.updatedAt(), kept.detail(), c.id(), kept.verification());
            }
            return AlarmEntry.of(kept, view);
        });
    }

    /** Keeps what the tick moved (hours due by the clock, silent monitors): the alarms changed. */
    List<AlarmEntry> tick() {
        return keep(judge.apply(j -> {}));
    }

    /** Judging built again from the store, as a restart builds it; the alarms kept again (none changes). */
    public List<AlarmEntry> rebuild() {
        return keep(judge.rebuild());
    }

    /** An alarm as kept, as it is answered. */
    public AlarmEntry entry(MonitorStore.StoredAlarm a) {
        return AlarmEntry.of(a, view(a));
    }

    /** The rules' alarm as it was kept. */
    public MonitoringStream.AlarmView view(MonitorStore.StoredAlarm a) {
        try {
            return json.readValue(a.detail(), MonitoringStream.AlarmView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the alarm " + a.id() + " cannot be read", e);
        }
    }

    private String write(MonitoringStream.AlarmView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void mayManage(Actor actor, String jurisdiction) {
        if (actor.has(Role.ADMIN)) {
            return;
        }
        if (!actor.has(Role.INSPECTOR) || !actor.actsIn(jurisdiction)) {
            throw new ForbiddenException(actor.username() + " does not manage monitors in " + jurisdiction);
        }
    }

    private static void deviceId(String id, List<FieldError> errors) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            errors.add(new FieldError("deviceId", "a device id is 1 to 100 letters, digits, '.', '_' or '-'"));
        }
    }
}
