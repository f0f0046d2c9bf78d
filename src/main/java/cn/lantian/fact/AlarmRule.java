package cn.lantian.fact;

/**
 * A row of the alarm table ({@code monitoring/alarms.csv}): for each alarm code of the online monitors
 * ({@code PM10_EXCEEDED}, {@code MONITOR_OFFLINE}, {@code MONITOR_SUSPECT}), the article it rests on and the hours
 * the site has to answer the case it opens (domain.md sections 10 and 11); and the fact of an inspection record an
 * inspector's confirmation of the alarm gives: {@code inspectionField}, a field of the record by its JSON path, set to
 * {@code inspectionValue}: {@value #PEAK_HOUR_MEAN} (the highest hourly mean of the alarm's hours), {@code true} or
 * {@code false}. An alarm with no field gives no fact: the inspector's record says what was found.
 */
public record AlarmRule(String code, String legalBasis, Integer caseDeadlineHours, String title, @MayBeBlank String inspectionField,
                        @MayBeBlank String inspectionValue) {
    public AlarmRule {
        // a spreadsheet saves a yes or no as TRUE or FALSE: the same value
        if ("true".equalsIgnoreCase(inspectionValue) || "false".equalsIgnoreCase(inspectionValue)) {
            inspectionValue = inspectionValue.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The value of a confirmed alarm's fact: the highest hourly mean among the hours it names. */
    public static final String PEAK_HOUR_MEAN = "PEAK_HOUR_MEAN";

    /** The values a row may give its field. */
    public static final java.util.List<String> VALUES = java.util.List.of(PEAK_HOUR_MEAN, "true", "false");
}
