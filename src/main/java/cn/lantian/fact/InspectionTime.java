package cn.lantian.fact;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * When the inspection took place in the jurisdiction's own calendar (the rules' {@code calendar.timeZone}),
 * whatever UTC offset the record was written in: night hours, calendar days and the dates a message
 * prints are read here, so that one instant always gets one decision.
 */
public record InspectionTime(ZonedDateTime local) {
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    public static InspectionTime of(OffsetDateTime at, ZoneId zone) {
        return new InspectionTime(at.atZoneSameInstant(zone));
    }

    public LocalDate date() {
        return local.toLocalDate();
    }

    /** The local time of day as people write it: "23:30". */
    public String time() {
        return local.toLocalTime().format(HOUR_MINUTE);
    }

    /** Whether the local time falls in [from, to), a window that may wrap past midnight ("22:00" to "06:00"). */
    public boolean within(String from, String to) {
        LocalTime t = local.toLocalTime();
        LocalTime start = LocalTime.parse(from);
        LocalTime end = LocalTime.parse(to);
        return start.isBefore(end)
                ? !t.isBefore(start) && t.isBefore(end)
                : !t.isBefore(start) || t.isBefore(end);
    }

    /** The local date of another instant in the same calendar (an order's date, for a message). */
    public LocalDate dateOf(OffsetDateTime at) {
        return at.atZoneSameInstant(local.getZone()).toLocalDate();
    }

    /**
     * Of the days counted since {@code since} (see {@link #daysSince}), those before {@code day}: ordered 08-10,
     * a law in force from 08-15, seen 08-20 → 4 (08-11 to 08-14); 0 when every counted day is on or after it.
     */
    public long daysSinceBefore(OffsetDateTime since, LocalDate day) {
        long before = ChronoUnit.DAYS.between(dateOf(since), day) - 1;
        return Math.max(0, Math.min(before, daysSince(since)));
    }

    /** Calendar days from the local date of {@code since} to the inspection's: ordered 12-10, seen 12-14 → 4. */
    public long daysSince(OffsetDateTime since) {
        return ChronoUnit.DAYS.between(dateOf(since), date());
    }
}
