package cn.lantian.engine;

import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Episode;
import cn.lantian.fact.History;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.PenaltyMeasure;
import cn.lantian.fact.OrderType;
import cn.lantian.fact.Violation;
import cn.lantian.fact.Warning;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.runtime.rule.RuleContext;

/**
 * What a rule's consequence calls to record an outcome. The code, title and legal basis come from
 * the firing rule's own metadata, so a rule file states them once.
 */
public final class Emit {
    private Emit() {}

    /** Records a violation of the firing rule's code. */
    public static void violation(RuleContext k, double observed, double required, String message) {
        Map<String, Object> md = k.getRule().getMetaData();
        k.getKieRuntime().insert(new Violation(meta(md, "code"), meta(md, "title"), null, observed, required,
                meta(md, "legalBasis"), k.getRule().getName(), message));
    }

    /** Orders the violation put right by the deadline; the order cites the violation's legal basis. */
    public static void rectify(RuleContext k, Violation v, OffsetDateTime deadline, String reason) {
        k.getKieRuntime().insert(Order.of(OrderType.RECTIFY).withViolation(v.code(), deadline)
                .citing(v.legalBasis(), reason, k.getRule().getName()));
    }

    /** Records an order of a simple type, such as INTENSIFY_DUST_CONTROL, citing the rule's legal basis. */
    public static void order(RuleContext k, OrderType type, String reason) {
        order(k, Order.of(type), reason);
    }

    /** Records a drafted order ({@code Order.of(…).withActivity(…).during(level)}), citing the rule's legal basis. */
    public static void order(RuleContext k, Order draft, String reason) {
        k.getKieRuntime().insert(draft.citing(meta(k.getRule().getMetaData(), "legalBasis"), reason,
                k.getRule().getName()));
    }

    /** Records a warning level that an episode warrants under a criterion. */
    public static void warning(RuleContext k, AlertLevel level, int criterion, Episode episode, String reason) {
        k.getKieRuntime().insert(new Warning(level, criterion, episode.from(), episode.to(),
                meta(k.getRule().getMetaData(), "legalBasis"), k.getRule().getName(), reason));
    }

    /** A number as people write it: 420 rather than 420.0, 2.5 as 2.5. */
    public static String num(Number n) {
        return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }

    /** A ratio as a percentage for messages: 0.95 as "95%". */
    public static String pct(double ratio) {
        return num(BigDecimal.valueOf(ratio * 100).setScale(1, RoundingMode.HALF_UP)) + "%";
    }

    /**
     * Records the penalty under {@code law} for the violation codes listed, with its further measures.
     * An article that orders correction (责令改正, a column of the legal bases table) carries
     * ORDER_CORRECTION first; the measures' own reasons follow the arithmetic in {@code reason}.
     */
    public static void penalty(RuleContext k, LawArticle law, long recommended, Collection<String> violations,
                               List<PenaltyMeasure> measures, String reason) {
        penalty(k, law, recommended, violations, measures, reason, List.of(reason));
    }

    /** Records the penalty fined by the discretion benchmark: its fine, its reason and its lines. */
    public static void penalty(RuleContext k, LawArticle law, cn.lantian.fact.Benchmark b, Collection<String> violations,
                               List<PenaltyMeasure> measures, String lead) {
        penalty(k, law, b.fine(), violations, measures, lead + b.summary(), b.lines());
    }

    /** Records the penalty with the lines of its calculation. */
    public static void penalty(RuleContext k, LawArticle law, long recommended, Collection<String> violations,
                               List<PenaltyMeasure> measures, String reason, List<String> calculation) {
        Set<String> names = new LinkedHashSet<>();
        if (Boolean.TRUE.equals(law.ordersCorrection())) {
            names.add("ORDER_CORRECTION");
        }
        long min = law.fineMinYuan() == null ? 0 : law.fineMinYuan();
        k.getKieRuntime().insert(new Penalty(law.code(), law.isVerified(), min, law.fineMaxYuan(), recommended, null, null,
                measureNames(names, measures), List.copyOf(violations), k.getRule().getName(),
                withLawNote(k, law, withReasons(reason, names, measures)), List.copyOf(calculation)));
    }

    /**
     * Records the daily continuous penalty (按日连续处罚) of one open order still failing: its decided
     * total is its minimum, maximum and recommendation; DAILY_CONTINUOUS_PENALTY is listed from the first
     * day on (a same-day follow-up has the entry with 0 days and no fine, and the other measures).
     */
    public static void dailyPenalty(RuleContext k, LawArticle law, History.Rectification order, long days, long decided,
                                    Collection<String> violations, List<PenaltyMeasure> measures, String reason) {
        Set<String> names = new LinkedHashSet<>();
        if (days >= 1) {
            names.add("DAILY_CONTINUOUS_PENALTY");
        }
        List<PenaltyMeasure> own = measures.stream().filter(m -> m.appliesTo(order)).toList();
        k.getKieRuntime().insert(new Penalty(law.code(), law.isVerified(), decided, decided, decided, Math.toIntExact(days),
                order.orderedAt(), measureNames(names, own), List.copyOf(violations), k.getRule().getName(),
                withLawNote(k, law, withReasons(reason, names, own)), List.of(reason)));
    }

    /** The reason, followed by why this law applies when a decision falls across a change of law (APL-37). */
    private static String withLawNote(RuleContext k, LawArticle law, String reason) {
        Object ref = k.getKieRuntime().getGlobal(Evaluator.REFERENCE_GLOBAL);
        // a local article applies as it stands: the national transition is not its reason
        String note = law.jurisdiction() == null && ref instanceof cn.lantian.fact.Reference r ? r.lawNote(law.lineage()) : "";
        return note.isEmpty() ? reason : reason + note + "。";
    }

    private static List<String> measureNames(Set<String> names, List<PenaltyMeasure> measures) {
        Set<String> all = new LinkedHashSet<>(names);
        measures.forEach(m -> all.add(m.measure()));
        return List.copyOf(all);
    }

    /** The arithmetic, then each measure's own reason once. */
    private static String withReasons(String reason, Set<String> before, List<PenaltyMeasure> measures) {
        Set<String> seen = new LinkedHashSet<>(before);
        StringBuilder why = new StringBuilder(reason);
        for (PenaltyMeasure m : measures) {
            if (seen.add(m.measure()) && !m.reason().isBlank()) {
                why.append("；").append(m.reason());
            }
        }
        return why + "。";
    }

    /** part / whole, to four places: the share of a "100%" item that was met. */
    public static double ratio(Number part, Number whole) {
        return BigDecimal.valueOf(part.doubleValue())
                .divide(BigDecimal.valueOf(whole.doubleValue()), 4, RoundingMode.HALF_UP).doubleValue();
    }

    private static String meta(Map<String, Object> md, String key) {
        Object v = md.get(key);
        return v == null ? null : v.toString();
    }

    /** The stream rules judged a monitor's hour: how, with the county's mean, its capped value and the excess where the model reads them. */
    public static void judged(RuleContext k, cn.lantian.fact.MonitorHour hour, String outcome, String level, Double county,
                              Double capped, Double excess) {
        hour.judged(outcome, level, county, capped, excess, k.getRule().getName());
        k.getKieRuntime().update(k.getKieRuntime().getFactHandle(hour), hour);
    }

    /**
     * Raises an alarm of the firing rule's code (its title and legal basis from its metadata) for a monitor and a
     * calendar day, at {@code raisedAt} (epoch milliseconds), with the hours it covers and, for a silent or
     * repeating monitor, the time that began.
     */
    public static void alarm(RuleContext k, cn.lantian.fact.Monitor monitor, String day, long raisedAt, String level,
                             Long since, List<cn.lantian.fact.MonitorHour> hours, String message) {
        Map<String, Object> md = k.getRule().getMetaData();
        cn.lantian.fact.MonitorAlarm a = new cn.lantian.fact.MonitorAlarm(monitor.id(), monitor.subjectId(),
                monitor.jurisdiction(), day, meta(md, "code"), meta(md, "title"), meta(md, "legalBasis"),
                k.getRule().getName(), raisedAt, level, since, message);
        hours.forEach(a::add);
        k.getKieRuntime().insert(a);
    }

    /** A later hour joins an alarm of the day, which now says so. */
    public static void joined(RuleContext k, cn.lantian.fact.MonitorAlarm alarm, cn.lantian.fact.MonitorHour hour, String message) {
        alarm.add(hour);
        alarm.setMessage(message);
        k.getKieRuntime().update(k.getKieRuntime().getFactHandle(alarm), alarm);
    }

    /** The hours as people read them: "09 时、10 时、11 时". */
    public static String hoursOf(Collection<cn.lantian.fact.MonitorHour> hours) {
        return hours.stream().sorted(java.util.Comparator.comparingLong(cn.lantian.fact.MonitorHour::getHourStart))
                .map(h -> h.getHour() + " 时").collect(java.util.stream.Collectors.joining("、"));
    }

    /** A stream rule changed a fact it matched (an hour now due, a monitor's latest reading): the rules see it anew. */
    public static void changed(RuleContext k, Object fact) {
        k.getKieRuntime().update(k.getKieRuntime().getFactHandle(fact), fact);
    }
}
