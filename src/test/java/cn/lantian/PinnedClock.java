package cn.lantian;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock under test: pinned, never the wall clock, so that the suite decides the same at
 * any hour on any machine. It replaces the service's default clock in every {@code @QuarkusTest}; a
 * test that is about "now" sets it and resets it after. The default instant is 23:30 in Beijing, the
 * night hours of the night-earthwork rule, so that a test reading the wall clock by mistake, or a
 * default time that leaks into a decision, shows up at once.
 */
@Singleton
public class PinnedClock extends Clock {
    /** 2026-12-14 23:30 in Beijing (15:30 UTC): night. */
    public static final Instant NIGHT_IN_BEIJING = Instant.parse("2026-12-14T15:30:00Z");
    /** 2026-12-14 12:00 in Beijing. */
    public static final Instant NOON_IN_BEIJING = Instant.parse("2026-12-14T04:00:00Z");
    /** 2026-12-15 00:30 in Beijing, still 12-14 in UTC: the calendar day differs from the UTC day. */
    public static final Instant AFTER_MIDNIGHT_IN_BEIJING = Instant.parse("2026-12-14T16:30:00Z");
    /** The instants the clock-sensitive tests run under. */
    public static final Instant[] INSTANTS = {NIGHT_IN_BEIJING, NOON_IN_BEIJING, AFTER_MIDNIGHT_IN_BEIJING,
            Instant.parse("2026-12-14T22:00:00Z")};

    private volatile Instant now = NIGHT_IN_BEIJING;

    /** A fixed clock at the default instant, for tests outside the service (the loader, the CLI). */
    public static Clock fixed() {
        return Clock.fixed(NIGHT_IN_BEIJING, ZoneOffset.UTC);
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void reset() {
        now = NIGHT_IN_BEIJING;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }
}
