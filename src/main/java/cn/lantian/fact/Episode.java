package cn.lantian.fact;

import java.time.LocalDate;
import java.util.List;

/**
 * A heavy-pollution episode in a forecast: consecutive days from {@code from}, including the short
 * clean gaps that do not let the air clear, with each day's forecast AQI.
 */
public record Episode(LocalDate from, LocalDate to, List<Double> dailyAqi) {

    /** Days whose AQI is "above" or "atLeast" the value. */
    public int daysWith(String comparison, double aqi) {
        return (int) dailyAqi.stream().filter(v -> switch (comparison) {
            case "above" -> v > aqi;
            case "atLeast" -> v >= aqi;
            default -> throw new IllegalArgumentException("unknown comparison " + comparison);
        }).count();
    }
}
