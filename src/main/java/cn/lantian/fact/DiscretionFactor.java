package cn.lantian.fact;

/**
 * A row of the discretion factor table (裁量基准因子): for {@code factor}, from {@code fromValue} (a count or
 * a number of days; the row with the greatest fromValue not above the value applies) or at {@code level}
 * (an impact grade), the fine rises by {@code percent} of the range above the starting point. A reading row
 * (no percent) gives the {@code level} a value stands for. {@code source} says whose the row is: the
 * benchmark's (BENCHMARK, Shaoxing) or this product's default where the benchmark leaves it to the bureau
 * (PRODUCT). {@code title} may hold {value}, the value read.
 */
public record DiscretionFactor(String factor, @MayBeBlank Integer fromValue, @MayBeBlank String level,
                               @MayBeBlank Integer percent, String title, String source, String legalBasis) {

    /** The title with the value read in place of {value}. */
    public String shown(Object value) {
        return title.replace("{value}", String.valueOf(value));
    }

    public int getPercentOrZero() {
        return percent == null ? 0 : percent;
    }
}
