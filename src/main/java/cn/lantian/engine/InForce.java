package cn.lantian.engine;

import java.time.LocalDate;

/**
 * When a rule or a table row is in force: from {@code from} to {@code to}, both days included, either
 * end open when absent. Judged on the inspection's own date, never the wall clock.
 */
public record InForce(LocalDate from, LocalDate to) {
    public static final InForce ALWAYS = new InForce(null, null);

    public boolean covers(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    public boolean overlaps(InForce other) {
        return (from == null || other.to == null || !other.to.isBefore(from))
                && (to == null || other.from == null || !other.from.isAfter(to));
    }

    public boolean isAlways() {
        return from == null && to == null;
    }

    @Override
    public String toString() {
        return isAlways() ? "always" : (from == null ? "…" : from) + " to " + (to == null ? "…" : to);
    }
}
