package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The subject's record before this inspection: earlier violations and the correction orders still open.
 * A subject may have several orders open at once (a second visit orders new items while the first
 * order's are still open); {@code rectification}, the single form of the first contract, is read as a
 * list of one. After {@link #normalised()} only {@code rectifications} is set.
 */
public record History(@PositiveOrZero @Max(Limits.EARLIER_VIOLATIONS) Integer violationsLast12Months,
                      @Valid Rectification rectification,
                      @Size(max = History.MAX_OPEN_ORDERS, message = "{cn.lantian.fact.Size.list}") List<@NotNull @Valid Rectification> rectifications,
                      @Size(max = Limits.BASES, message = "{cn.lantian.fact.Size.list}")
                      @Coded(Reference.LEGAL_BASIS) Map<@NotNull @Size(max = Limits.CODE, message = "{cn.lantian.fact.Size.text}") String,
                          @NotNull @PositiveOrZero @Max(Limits.EARLIER_VIOLATIONS) Integer> violationsLast24Months) {

    /** A history as earlier clients send it: no counts by legal basis. */
    public History(Integer violationsLast12Months, Rectification rectification, List<Rectification> rectifications) {
        this(violationsLast12Months, rectification, rectifications, null);
    }

    /** More open orders than this is no history a bureau keeps; it is refused rather than decided. */
    public static final int MAX_OPEN_ORDERS = Limits.OPEN_ORDERS;

    /** No fine a bureau imposes comes near this; a larger one is a typo, and would overflow a daily total. */
    public static final long MAX_FINE_YUAN = 1_000_000_000L;

    public History {
        violationsLast12Months = violationsLast12Months == null ? 0 : violationsLast12Months;
        violationsLast24Months = violationsLast24Months == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(violationsLast24Months));
    }

    /** The open orders as one list, the single form folded in (the reader refuses both at once). */
    public History normalised() {
        if (rectification == null) {
            return rectifications == null ? new History(violationsLast12Months, null, List.of(), violationsLast24Months) : this;
        }
        return new History(violationsLast12Months, null, List.of(rectification), violationsLast24Months);
    }

    /** The open orders (after {@link #normalised()}). */
    public List<Rectification> openOrders() {
        return rectifications == null ? List.of() : rectifications;
    }

    /**
     * A correction order (责令改正) that a follow-up inspection (回头看) checks: when it was ordered, the
     * items it named, the fine already imposed, and the items the subject replied were put right.
     */
    public record Rectification(@NotNull @WithinYears OffsetDateTime orderedAt,
                                @NotEmpty @Size(max = Limits.ORDER_ITEMS, message = "{cn.lantian.fact.Size.list}")
                                List<@NotNull @Size(max = Limits.CODE, message = "{cn.lantian.fact.Size.text}") String> items,
                                @NotNull @PositiveOrZero @Max(MAX_FINE_YUAN) Long originalFineYuan,
                                @Size(max = Limits.ORDER_ITEMS, message = "{cn.lantian.fact.Size.list}") @Distinct
                                List<@NotNull @Size(max = Limits.CODE, message = "{cn.lantian.fact.Size.text}") String> claimedRectified) {

        public Rectification {
            claimedRectified = claimedRectified == null ? List.of() : claimedRectified;
        }

        public Rectification(OffsetDateTime orderedAt, List<String> items, Long originalFineYuan) {
            this(orderedAt, items, originalFineYuan, List.of());
        }

        /** Whether the subject replied that one of these items was put right (虚假整改 when it still fails). */
        public boolean claimsAnyOf(java.util.Collection<?> stillFailing) {
            return stillFailing.stream().anyMatch(claimedRectified::contains);
        }
    }
}
