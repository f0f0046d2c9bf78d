package cn.lantian.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The calendar of the jurisdiction: the time zone of the rules ({@code calendar.timeZone}), in which
 * night hours, calendar days and every printed date are read, whatever offset a client wrote. One
 * instant is one local time.
 */
public record LocalCalendar(ZoneId zone) {

    /** The local date of an instant ("2026-12-14T16:30:00Z" is 2026-12-15 in Beijing). */
    public LocalDate dateOf(OffsetDateTime at) {
        return at.atZoneSameInstant(zone).toLocalDate();
    }

    /** Today, as the clock says, in this calendar. */
    public LocalDate today(Clock clock) {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** Now, to the second, written in this calendar's offset (a self-check with no time given). */
    public OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.SECONDS);
    }
}
