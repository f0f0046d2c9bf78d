package cn.lantian.fact;

/**
 * A further measure (BLACKLIST, REFER_TO_POLICE, …) for the penalty under a national article, and why.
 * {@code order} narrows a measure of the daily continuous penalty (APPCL-123) to the entry of one open
 * order (VEHICLE_OFF_ROAD where that order's unsealed trucks still fail); null for every entry of the article.
 */
public record PenaltyMeasure(String nationalBasis, String measure, String reason, History.Rectification order) {

    public PenaltyMeasure(String nationalBasis, String measure, String reason) {
        this(nationalBasis, measure, reason, null);
    }

    /** Whether the measure goes on the entry of that open order. */
    public boolean appliesTo(History.Rectification entry) {
        return order == null || order.equals(entry);
    }
}
