package cn.lantian.fact;

/**
 * A row of the warning criteria table. A criterion (level and number) holds when an episode meets
 * every one of its conditions: at least {@code minDays} days whose daily AQI is {@code comparison}
 * ("above" or "atLeast") {@code aqi}. A level may have several criteria; any one suffices.
 */
public record WarningCondition(AlertLevel level, int criterion, String comparison, double aqi, int minDays,
                               String legalBasis) {

    public boolean isMetBy(Episode episode) {
        boolean met = episode.daysWith(comparison, aqi) >= minDays;
        if (met) {
            // rules read the criteria as a whole table: a row counts as reached when a forecast meets it
            TableReads.read(this);
        }
        return met;
    }
}
