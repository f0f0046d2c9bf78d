package cn.lantian.fact;

/**
 * The time the stream rules stand at, in epoch milliseconds: the service's clock, or a stream's latest reading
 * when that is later (the pseudo clock that also expires the events). One fact, moved forward only.
 */
public class StreamClock {
    private long millis;

    public StreamClock(long millis) {
        this.millis = millis;
    }

    public long getMillis() {
        return millis;
    }

    public void setMillis(long millis) {
        this.millis = millis;
    }
}
