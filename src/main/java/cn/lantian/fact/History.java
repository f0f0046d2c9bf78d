package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.OffsetDateTime;
import java.util.List;

/** The subject's record before this inspection: earlier violations and an open correction order. */
public record History(@PositiveOrZero Integer violationsLast12Months, @Valid Rectification rectification) {

    public History {
        violationsLast12Months = violationsLast12Months == null ? 0 : violationsLast12Months;
    }

    /** A correction order (责令改正) that a follow-up inspection (回头看) checks. */
    public record Rectification(@NotNull OffsetDateTime orderedAt, @NotEmpty List<@NotNull String> items,
                                @NotNull @PositiveOrZero Long originalFineYuan) {

        /** Calendar days in the zone from the order's date to the date of {@code at}: ordered 12-10, seen 12-14 → 4. */
        public long calendarDaysUntil(OffsetDateTime at, String zone) {
            java.time.ZoneId z = java.time.ZoneId.of(zone);
            return java.time.temporal.ChronoUnit.DAYS.between(orderedAt.atZoneSameInstant(z).toLocalDate(),
                    at.atZoneSameInstant(z).toLocalDate());
        }
    }
}
