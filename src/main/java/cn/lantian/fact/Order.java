package cn.lantian.fact;

import java.time.OffsetDateTime;

/**
 * An order to the subject. Only the fields its type uses are set: {@code activity} for STOP_ACTIVITY,
 * {@code violation} and {@code deadline} for RECTIFY, {@code limitPercent} for LIMIT_PRODUCTION,
 * {@code maxBannedStandard} for STOP_HEAVY_DIESEL_TRANSPORT. {@code alertLevel} marks an alert measure
 * and names the level it enforces.
 */
public record Order(OrderType type, Activity activity, String violation, OffsetDateTime deadline,
                    Integer limitPercent, String maxBannedStandard, AlertLevel alertLevel, String legalBasis,
                    String reason, String rule) {

    /** A draft order of that type, completed with the withers and recorded by the rule's consequence. */
    public static Order of(OrderType type) {
        return new Order(type, null, null, null, null, null, null, null, null, null);
    }

    public Order withActivity(Activity a) {
        return new Order(type, a, violation, deadline, limitPercent, maxBannedStandard, alertLevel, legalBasis, reason, rule);
    }

    public Order withLimitPercent(Integer percent) {
        return new Order(type, activity, violation, deadline, percent, maxBannedStandard, alertLevel, legalBasis, reason, rule);
    }

    public Order withMaxBannedStandard(String standard) {
        return new Order(type, activity, violation, deadline, limitPercent, standard, alertLevel, legalBasis, reason, rule);
    }

    /** Marks the order as an alert measure of that level (it lapses with the alert). */
    public Order during(AlertLevel level) {
        return new Order(type, activity, violation, deadline, limitPercent, maxBannedStandard, level, legalBasis, reason, rule);
    }

    public Order withViolation(String code, OffsetDateTime by) {
        return new Order(type, activity, code, by, limitPercent, maxBannedStandard, alertLevel, legalBasis, reason, rule);
    }

    public Order citing(String basis, String why, String ruleName) {
        return new Order(type, activity, violation, deadline, limitPercent, maxBannedStandard, alertLevel, basis, why, ruleName);
    }
}
