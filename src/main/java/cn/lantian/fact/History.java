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
                                @NotNull @PositiveOrZero Long originalFineYuan) {}
}
