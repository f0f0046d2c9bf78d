package cn.lantian.fact;

/**
 * The latest reading of a monitor, kept by the stream rules: its time and value, and since when the monitor has
 * sent that same value without a change (a monitor that repeats itself for hours is suspect).
 */
public class LatestReading {
    private final String device;
    private long at;
    private double valueUgM3;
    private long sameSince;
    /** The reading whose silence raised MONITOR_OFFLINE, and the start of the repetition that raised MONITOR_SUSPECT (none: MIN_VALUE). */
    private long offlineFor = Long.MIN_VALUE;
    private long suspectFor = Long.MIN_VALUE;

    public LatestReading(String device, long at, double valueUgM3, long sameSince) {
        this.device = device;
        this.at = at;
        this.valueUgM3 = valueUgM3;
        this.sameSince = sameSince;
    }

    public String getDevice() {
        return device;
    }

    public long getAt() {
        return at;
    }

    public void setAt(long at) {
        this.at = at;
    }

    public double getValueUgM3() {
        return valueUgM3;
    }

    public void setValueUgM3(double valueUgM3) {
        this.valueUgM3 = valueUgM3;
    }

    public long getSameSince() {
        return sameSince;
    }

    public void setSameSince(long sameSince) {
        this.sameSince = sameSince;
    }

    public long getOfflineFor() {
        return offlineFor;
    }

    public void setOfflineFor(long offlineFor) {
        this.offlineFor = offlineFor;
    }

    public long getSuspectFor() {
        return suspectFor;
    }

    public void setSuspectFor(long suspectFor) {
        this.suspectFor = suspectFor;
    }
}
