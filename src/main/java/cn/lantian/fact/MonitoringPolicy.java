package cn.lantian.fact;

/**
 * A row of the monitoring policy table ({@code monitoring/monitoring-policy.csv}, domain.md section 10): how the
 * online dust monitors of a jurisdiction are judged. The row without a jurisdiction is the default.
 * {@code model} is {@code HEBEI} (the site's hourly mean minus the county's, the county's capped) or
 * {@code ABSOLUTE} (the site's hourly mean alone, a warning above {@code warningUgM3} and a check above
 * {@code checkUgM3}); an hour's mean is valid when its readings cover {@code validMinutes} at the device's
 * interval; an hour is judged once a reading at or after its end arrives or {@code judgeAfterMinutes} after its
 * end on the clock; more than {@code allowedExceedingHours} exceeding hours in a calendar day raise an alarm;
 * a monitor silent for {@code offlineMinutes} of working time ({@code workFrom}–{@code workTo}, local) is
 * offline, one sending the same value for {@code suspectHours} is suspect.
 */
public record MonitoringPolicy(@MayBeBlank String jurisdiction, String model, Double excessUgM3, Double countyMeanCapUgM3,
                               Integer allowedExceedingHours, Integer validMinutes, Integer judgeAfterMinutes,
                               Double warningUgM3, Double checkUgM3, Integer offlineMinutes, String workFrom,
                               String workTo, Integer suspectHours, String legalBasis) {
    public static final String HEBEI = "HEBEI";
    public static final String ABSOLUTE = "ABSOLUTE";

    public MonitoringPolicy {
        if (model != null && !model.equals(HEBEI) && !model.equals(ABSOLUTE)) {
            throw new IllegalArgumentException("column model must be HEBEI or ABSOLUTE, not \"" + model + "\"");
        }
        workFrom = time("workFrom", workFrom);
        workTo = time("workTo", workTo);
    }

    private static String time(String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Parameter.Type.time.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column + " " + e.getMessage());
        }
    }

    public boolean hebei() {
        return HEBEI.equals(model);
    }

    public boolean absolute() {
        return ABSOLUTE.equals(model);
    }

    /** The milliseconds a judged hour waits after its end for its late readings, when none after its end came. */
    public long judgeAfterMillis() {
        return judgeAfterMinutes * 60_000L;
    }

    public long suspectMillis() {
        return suspectHours * 3_600_000L;
    }

    /** The county's mean as this policy counts it: capped at {@code countyMeanCapUgM3}. */
    public double capped(double countyMean) {
        return Math.min(countyMean, countyMeanCapUgM3);
    }
}
