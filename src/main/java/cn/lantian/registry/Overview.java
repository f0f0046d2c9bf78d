package cn.lantian.registry;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Order;
import cn.lantian.identity.Actor;
import cn.lantian.store.AlertRegistry;
import cn.lantian.store.CaseStore;
import cn.lantian.store.Database;
import cn.lantian.store.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bureau's overview (contract section 9): subjects, inspections and the compliant share, violations by
 * item, by jurisdiction and by ISO week, open and overdue cases, and the alert in force now with the
 * subjects it stops. Counted in SQL; only the violations need the decisions read, and those are read for
 * the newest {@link #MAX_DECISIONS} non-compliant evaluations of the period at most (the answer says so).
 */
@ApplicationScoped
public class Overview {
    public static final int MAX_DECISIONS = 5_000;
    public static final int MAX_DAYS = 366;

    @Inject
    Database db;

    @Inject
    SubjectRegistry registry;

    @Inject
    CaseStore cases;

    @Inject
    AlertRegistry alerts;

    @Inject
    Ledger ledger;

    @Inject
    ActiveRuleset rules;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Subjects subjects;

    public record CodeCount(String code, long count) {}

    public record ByJurisdiction(String jurisdiction, long subjects, long inspections, long compliant) {}

    public record ByWeek(String week, LocalDate monday, long inspections, long compliant, long notCompliant) {}

    public record CaseCounts(long open, long overdue) {}

    public record Stopped(String subjectId, String name, String kind, List<String> orders, boolean inspectedSinceAlert,
                          String lastInspectedAt) {}

    public record AlertView(String jurisdiction, AlertLevel level, OffsetDateTime from, OffsetDateTime to, String alertId,
                            List<Stopped> stopped) {}

    /**
     * @param violationsRead how many non-compliant evaluations the violations were counted from
     * @param violationsComplete false when the period had more than {@link #MAX_DECISIONS} of them (the newest were read)
     */
    public record View(String jurisdiction, LocalDate from, LocalDate to, String timeZone, long subjects,
                       long inspectedSubjects, long inspections, long compliant, Double compliantShare,
                       List<CodeCount> violations, long violationsRead, boolean violationsComplete,
                       List<ByJurisdiction> byJurisdiction, List<ByWeek> byWeek, CaseCounts cases, List<AlertView> alerts,
                       List<CodeCount> alarms, long alarmSubjects, long alarmsUnverified) {}

    public View of(Actor actor, String jurisdiction, String fromText, String toText) {
        ZoneId zone = rules.get().calendar().zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<FieldError> errors = new ArrayList<>();
        LocalDate to = date("to", toText, today, errors);
        LocalDate from = date("from", fromText, to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(7), errors);
        if (errors.isEmpty() && from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after to (" + to + ")"));
        } else if (errors.isEmpty() && from.plusDays(MAX_DAYS).isBefore(to)) {
            errors.add(new FieldError("to", "the period is at most " + MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        Set<String> scope = Subjects.scope(actor, jurisdiction);
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);

        List<Object> args = new ArrayList<>(List.of(start, end));
        String where = " from evaluation where inspected_at >= ? and inspected_at < ?" + in(scope, args);

        Map<String, long[]> perJurisdiction = new TreeMap<>();
        long[] inspectedSubjects = {0};
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        int offset = zone.getRules().getOffset(now.toInstant()).getTotalSeconds();
        List<String> decisions = new ArrayList<>();
        long[] nonCompliant = {0};
        Map<String, Long> alarmsByCode = new LinkedHashMap<>();
        long[] alarmSubjects = {0};
        long[] alarmsUnverified = {0};
        List<Object> alarmArgs = new ArrayList<>(List.of(from, to));
        String alarmWhere = " from monitoring_alarm where alarm_day >= ? and alarm_day <= ?" + in(scope, alarmArgs);
        db.read("the monitoring alarms could not be read", c -> {
            query(c, "select code, count(*)" + alarmWhere + " group by code order by count(*) desc, code", alarmArgs,
                    r -> alarmsByCode.put(r.getString(1), r.getLong(2)));
            query(c, "select count(distinct subject_id)" + alarmWhere, alarmArgs, r -> alarmSubjects[0] = r.getLong(1));
            query(c, "select count(*)" + alarmWhere + " and state = 'OPEN'", alarmArgs, r -> alarmsUnverified[0] = r.getLong(1));
            return null;
        });
        db.read("the evaluations could not be read", c -> {
            query(c, "select jurisdiction, count(*), sum(case when compliant then 1 else 0 end)" + where
                    + " group by jurisdiction", args, r -> perJurisdiction.put(String.valueOf(r.getString(1)),
                    new long[] {r.getLong(2), r.getLong(3)}));
            query(c, "select count(distinct subject_id)" + where, args, r -> inspectedSubjects[0] = r.getLong(1));
            query(c, "select d, count(*), sum(k) from (select floor((extract(epoch from inspected_at) + " + offset
                    + ") / 86400) as d, case when compliant then 1 else 0 end as k" + where + ") x group by d", args,
                    r -> perDay.put(LocalDate.ofEpochDay(r.getLong(1)), new long[] {r.getLong(2), r.getLong(3)}));
            query(c, "select count(*)" + where + " and not compliant", args, r -> nonCompliant[0] = r.getLong(1));
            query(c, "select decision" + where + " and not compliant order by inspected_at desc limit " + MAX_DECISIONS, args,
                    r -> decisions.add(r.getString(1)));
            return null;
        });

        Map<String, Long> byCode = new LinkedHashMap<>();
        for (String d : decisions) {
            for (String code : subjects.codes(d)) {
                byCode.merge(code, 1L, Long::sum);
            }
        }
        List<CodeCount> violations = byCode.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new CodeCount(e.getKey(), e.getValue())).toList();

        Map<String, Long> subjectsBy = registry.countByJurisdiction(scope);
        Set<String> jurisdictions = new TreeSet<>(perJurisdiction.keySet());
        subjectsBy.keySet().forEach(j -> jurisdictions.add(String.valueOf(j)));
        List<ByJurisdiction> byJurisdiction = new ArrayList<>();
        long inspections = 0;
        long compliant = 0;
        for (String j : jurisdictions) {
            long[] n = perJurisdiction.getOrDefault(j, new long[2]);
            inspections += n[0];
            compliant += n[1];
            byJurisdiction.add(new ByJurisdiction(j, subjectsBy.getOrDefault(j, 0L), n[0], n[1]));
        }
        long subjectCount = subjectsBy.values().stream().mapToLong(Long::longValue).sum();

        Map<LocalDate, long[]> perWeek = new TreeMap<>();
        for (LocalDate m = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !m.isAfter(to); m = m.plusWeeks(1)) {
            perWeek.put(m, new long[2]);
        }
        perDay.forEach((day, n) -> {
            long[] w = perWeek.computeIfAbsent(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), k -> new long[2]);
            w[0] += n[0];
            w[1] += n[1];
        });
        List<ByWeek> byWeek = new ArrayList<>();
        perWeek.forEach((monday, n) -> byWeek.add(new ByWeek(monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), monday, n[0], n[1], n[0] - n[1])));

        long open = cases.list(new CaseStore.Filter(scope, null, null, null, true, null, clock.instant()), 0, 1).total();
        long overdue = cases.list(new CaseStore.Filter(scope, null, null, null, null, true, clock.instant()), 0, 1).total();

        return new View(jurisdiction, from, to, zone.getId(), subjectCount, inspectedSubjects[0], inspections, compliant,
                inspections == 0 ? null : (double) compliant / inspections, violations, decisions.size(),
                decisions.size() >= nonCompliant[0], byJurisdiction, byWeek, new CaseCounts(open, overdue),
                alertsInForce(scope, now), alarmsByCode.entrySet().stream().map(e -> new CodeCount(e.getKey(), e.getValue())).toList(),
                alarmSubjects[0], alarmsUnverified[0]);
    }

    /**
     * The alert in force now in each jurisdiction of the scope (those with an alert in force when the scope is
     * every jurisdiction), with the subjects its orders stop: every subject with a stored evaluation is decided
     * again under the alert ({@link Ledger#ordersUnderAlert}), so this part reads each one's latest record.
     */
    private List<AlertView> alertsInForce(Set<String> scope, OffsetDateTime now) {
        Set<String> where = new TreeSet<>(scope);
        if (where.isEmpty()) {
            db.read("the alerts could not be read", c -> {
                query(c, "select distinct jurisdiction from alert where valid_from <= ? and (valid_to is null or valid_to > ?)",
                        List.of(now, now), r -> where.add(r.getString(1)));
                return null;
            });
        }
        List<AlertView> out = new ArrayList<>();
        for (String j : where) {
            var alert = alerts.inForce(j, now);
            if (alert.isEmpty() || alert.get().level() == AlertLevel.NONE) {
                continue;
            }
            AlertRegistry.Alert a = alert.get();
            Map<String, String> lastSince = new LinkedHashMap<>();
            db.read("the evaluations could not be read", c -> {
                query(c, "select subject_id, max(inspected_at) from evaluation where jurisdiction = ? and inspected_at >= ?"
                        + " group by subject_id", List.of(j, a.from().withOffsetSameInstant(ZoneOffset.UTC)),
                        r -> lastSince.put(r.getString(1), String.valueOf(r.getObject(2, OffsetDateTime.class))));
                return null;
            });
            List<Stopped> stopped = new ArrayList<>();
            for (Ledger.SubjectOrders s : ledger.ordersUnderAlert(j, now).subjects()) {
                List<String> stops = s.orders().stream().map(Order::type).map(Enum::name).filter(t -> t.startsWith("STOP_"))
                        .distinct().toList();
                if (!stops.isEmpty()) {
                    stopped.add(new Stopped(s.subjectId(), s.name(), s.kind(), stops, lastSince.containsKey(s.subjectId()),
                            lastSince.get(s.subjectId())));
                }
            }
            out.add(new AlertView(j, a.level(), a.from(), a.to(), a.id(), stopped));
        }
        return out;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    private static void query(java.sql.Connection c, String sql, List<Object> args, RowReader each) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    each.read(r);
                }
            }
        }
    }

    private static String in(Set<String> scope, List<Object> args) {
        if (scope.isEmpty()) {
            return "";
        }
        args.addAll(new TreeSet<>(scope));
        return " and jurisdiction in (" + String.join(",", Collections.nCopies(scope.size(), "?")) + ")";
    }

    private static LocalDate date(String field, String text, LocalDate otherwise, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date, yyyy-mm-dd"));
            return otherwise;
        }
    }
}
