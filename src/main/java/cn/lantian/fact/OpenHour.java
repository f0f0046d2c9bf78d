package cn.lantian.fact;

/**
 * A local hour of one monitor that has readings (an event of the stream rules, stamped with the hour's start):
 * {@code due} once the rules find it may be judged (a reading at or after its end, or the clock past its end and the wait).
 */
public class OpenHour {
    private final String device;
    private final long hourStart;
    private boolean due;

    public OpenHour(String device, long hourStart) {
        this.device = device;
        this.hourStart = hourStart;
    }

    public String getDevice() {
        return device;
    }

    public long getHourStart() {
        return hourStart;
    }

    public long getHourEnd() {
        return hourStart + 3_600_000L;
    }

    public boolean isDue() {
        return due;
    }

    public void setDue(boolean due) {
        this.due = due;
    }
}
