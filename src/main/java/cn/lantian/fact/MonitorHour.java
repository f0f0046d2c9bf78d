package cn.lantian.fact;

/**
 * One local hour of one monitor, once it is due (an event of the stream rules, stamped with the hour's start):
 * the readings that fell in it, the minutes they cover at the device's interval, the site's mean, and how the
 * rules judged it ({@code outcome}: {@link #PENDING} until a rule judges it; {@link #NOT_ENOUGH_READINGS},
 * {@link #NO_COUNTY_MEAN} (a data gap, not judged), {@link #WITHIN} or {@link #EXCEEDING}), with the county's
 * mean, the value it was capped to, the excess and, under the absolute model, the {@code level} reached.
 * {@code day} and {@code hour} label it by its start in the rules' calendar ("2026-12-14", "09").
 */
public class MonitorHour {
    public static final String PENDING = "PENDING";
    public static final String NOT_ENOUGH_READINGS = "NOT_ENOUGH_READINGS";
    public static final String NO_COUNTY_MEAN = "NO_COUNTY_MEAN";
    public static final String WITHIN = "WITHIN";
    public static final String EXCEEDING = "EXCEEDING";

    private final String device;
    private final long hourStart;
    private final String day;
    private final String hour;
    private int readings;
    private int minutes;
    private double siteMeanUgM3;
    private String outcome = PENDING;
    private String level;
    private Double countyMeanUgM3;
    private Double countyMeanCappedUgM3;
    private Double excessUgM3;
    private String rule;

    public MonitorHour(String device, long hourStart, String day, String hour) {
        this.device = device;
        this.hourStart = hourStart;
        this.day = day;
        this.hour = hour;
    }

    public String getDevice() { return device; }
    public long getHourStart() { return hourStart; }
    public long getHourEnd() { return hourStart + 3_600_000L; }
    public String getDay() { return day; }
    public String getHour() { return hour; }
    public int getReadings() { return readings; }
    public int getMinutes() { return minutes; }
    public double getSiteMeanUgM3() { return siteMeanUgM3; }
    public String getOutcome() { return outcome; }
    public String getLevel() { return level; }
    public Double getCountyMeanUgM3() { return countyMeanUgM3; }
    public Double getCountyMeanCappedUgM3() { return countyMeanCappedUgM3; }
    public Double getExcessUgM3() { return excessUgM3; }
    public String getRule() { return rule; }

    public boolean isPending() {
        return PENDING.equals(outcome);
    }

    public boolean isExceeding() {
        return EXCEEDING.equals(outcome);
    }

    /** Its readings as counted (again, when late ones came): the hour waits to be judged again. */
    public void setReadings(int readings, int minutes, double siteMeanUgM3) {
        this.readings = readings;
        this.minutes = minutes;
        this.siteMeanUgM3 = siteMeanUgM3;
        this.outcome = PENDING;
        this.level = null;
        this.countyMeanUgM3 = null;
        this.countyMeanCappedUgM3 = null;
        this.excessUgM3 = null;
        this.rule = null;
    }

    /** Judged again from its readings (a county mean came or changed): back to pending. */
    public void reopen() {
        setReadings(readings, minutes, siteMeanUgM3);
    }

    /** How a rule judged it. */
    public void judged(String outcome, String level, Double county, Double capped, Double excess, String rule) {
        this.outcome = outcome;
        this.level = level;
        this.countyMeanUgM3 = county;
        this.countyMeanCappedUgM3 = capped;
        this.excessUgM3 = excess;
        this.rule = rule;
    }
}
