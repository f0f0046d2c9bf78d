package cn.lantian.fact;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * What the inspector records of the conduct beyond the items (contract section 6): how long it has gone
 * on, its impact, verified complaints in the last year and whether it was put right on the spot. Every
 * field may be left out; the discretion benchmark reads what is given (see penalties/discretion-factors.csv).
 */
public record Circumstances(@PositiveOrZero @Max(Limits.DURATION_DAYS) Integer durationDays,
                            Impact impact,
                            @PositiveOrZero @Max(Limits.EARLIER_VIOLATIONS) Integer verifiedComplaints12Months,
                            Boolean correctedOnSite) {

    /** Nothing recorded. */
    public static final Circumstances NONE = new Circumstances(null, null, null, null);

    public int getDays() {
        return durationDays == null ? 0 : durationDays;
    }

    public int getComplaints() {
        return verifiedComplaints12Months == null ? 0 : verifiedComplaints12Months;
    }

    public boolean isCorrectedOnSite() {
        return Boolean.TRUE.equals(correctedOnSite);
    }

    /** The impact recorded, else {@code reading} (the product's reading from the number of violation codes). */
    public String impactOr(String reading) {
        return impact == null ? reading : impact.name();
    }
}
