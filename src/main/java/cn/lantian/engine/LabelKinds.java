package cn.lantian.engine;

import cn.lantian.fact.Activity;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Enterprise;
import cn.lantian.fact.OrderType;
import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.Reference;
import cn.lantian.fact.SubjectKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of the labels table ({@code labels.csv}) and the codes each must name. A kind is one of:
 * <ul>
 * <li>a code of the contract that Java knows (an enum of the fact model, or a fixed list such as the
 *     penalty measures): every code labelled, no other;</li>
 * <li>a name a table defines (a standard of {@code standards.csv}, a jurisdiction, a site class): every
 *     name labelled, no other;</li>
 * <li>{@code FIELD}: every field of the inspection record ({@link RecordSchema}), by its JSON path.</li>
 * </ul>
 * Legal bases ({@link Reference#LEGAL_BASIS}) are named by their own table's title column.
 */
public final class LabelKinds {
    private LabelKinds() {}

    public static final String ACTIVITY = "ACTIVITY";
    public static final String ORDER_TYPE = "ORDER_TYPE";
    public static final String ALERT_LEVEL = "ALERT_LEVEL";
    public static final String PERFORMANCE_GRADE = "PERFORMANCE_GRADE";
    public static final String SUBJECT_KIND = "SUBJECT_KIND";
    public static final String PENALTY_MEASURE = "PENALTY_MEASURE";
    public static final String VEHICLE_STANDARD = "VEHICLE_STANDARD";
    public static final String ITEM_STATUS = "ITEM_STATUS";
    public static final String CHECKLIST_GROUP = "CHECKLIST_GROUP";
    public static final String STANDARD = "STANDARD";
    public static final String JURISDICTION = "JURISDICTION";
    public static final String SITE_CLASS = "SITE_CLASS";
    public static final String FIELD = "FIELD";
    public static final String IMPACT = "IMPACT";
    public static final String CASE_STATE = "CASE_STATE";
    public static final String CASE_OUTCOME = "CASE_OUTCOME";
    /** What a case waits on the user for (GET /api/v1/tasks). */
    public static final String TASK = "TASK";
    /** The alarms of the online monitors (contract section 10). */
    public static final String ALARM = "ALARM";
    /** Where an alarm stands after an inspector's verification (OPEN until verified). */
    public static final String ALARM_STATE = "ALARM_STATE";
    /** What opened a case: an inspection's order, or a monitoring alarm. */
    public static final String CASE_ORIGIN = "CASE_ORIGIN";
    /** How the stream rules judged a monitor's hour. */
    public static final String HOUR_OUTCOME = "HOUR_OUTCOME";

    /** The kinds whose codes are enums of the fact model, by kind. */
    static final Map<String, Class<? extends Enum<?>>> ENUMS = ordered(
            ACTIVITY, Activity.class, ORDER_TYPE, OrderType.class, ALERT_LEVEL, AlertLevel.class,
            PERFORMANCE_GRADE, PerformanceGrade.class, SUBJECT_KIND, SubjectKind.class, IMPACT, cn.lantian.fact.Impact.class,
            CASE_STATE, cn.lantian.fact.CaseState.class, CASE_OUTCOME, cn.lantian.fact.CaseOutcome.class);

    /**
     * The kinds whose codes the contract fixes as text: the penalty measures (contract section 1), the
     * truck emission standards a ban may name, a self-check item's status (PASS, FAIL, NOT_INSPECTED) and
     * why a checklist lists an item (its standard, a duty of every subject, the alert level), and what a case
 * waits on a user for (its subject's reply, an inspector's follow-up, a chief's supervision of an overdue one).
     */
    static final Map<String, List<String>> FIXED = Map.of(
            PENALTY_MEASURE, List.of("ORDER_CORRECTION", "STOP_WORK_RECTIFICATION", "STOP_PRODUCTION_RECTIFICATION",
                    "DAILY_CONTINUOUS_PENALTY", "BLACKLIST", "REMOVE_FROM_KEY_PROJECT_LIST", "REFER_TO_POLICE",
                    "VEHICLE_OFF_ROAD", "NO_PENALTY"),
            VEHICLE_STANDARD, Enterprise.Trucks.STANDARDS,
            ITEM_STATUS, List.of("PASS", "FAIL", "NOT_INSPECTED"),
            CHECKLIST_GROUP, List.of("STANDARD", "DUTY", "ALERT"),
            TASK, List.of("REPLY", "VERIFY", "SUPERVISE"),
            ALARM, List.of("PM10_EXCEEDED", "MONITOR_OFFLINE", "MONITOR_SUSPECT"),
            ALARM_STATE, List.of("OPEN", "CONFIRMED", "DISMISSED"),
            CASE_ORIGIN, List.of("INSPECTION", "ALARM"),
            HOUR_OUTCOME, List.of("NOT_ENOUGH_READINGS", "NO_COUNTY_MEAN", "WITHIN", "EXCEEDING"));

    /** The kinds whose codes a table defines. */
    static final List<String> FROM_TABLES = List.of(STANDARD, JURISDICTION, SITE_CLASS);

    /** The label kind of an enum of the fact model ({@code ACTIVITY} for {@link Activity}), if it has one. */
    public static Optional<String> kindOf(Class<?> type) {
        return ENUMS.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).findFirst();
    }

    /** The codes Java knows for a kind (enum constants or the fixed list); empty for the other kinds. */
    public static List<String> fixedCodes(String kind) {
        Class<? extends Enum<?>> type = ENUMS.get(kind);
        if (type != null) {
            return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        }
        return FIXED.getOrDefault(kind, List.of());
    }

    private static Map<String, Class<? extends Enum<?>>> ordered(Object... pairs) {
        Map<String, Class<? extends Enum<?>>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> type = (Class<? extends Enum<?>>) pairs[i + 1];
            m.put((String) pairs[i], type);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
