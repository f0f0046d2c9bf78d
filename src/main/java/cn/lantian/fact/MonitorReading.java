package cn.lantian.fact;

/**
 * One reading of a monitor (an event of the stream rules): its time in epoch milliseconds, its value, and the
 * local hour it falls in (the start of that hour in epoch milliseconds, in the rules' calendar zone).
 */
public record MonitorReading(String device, long at, double valueUgM3, long hourStart) {
    /** The end of its hour. */
    public long hourEnd() {
        return hourStart + 3_600_000L;
    }
}
