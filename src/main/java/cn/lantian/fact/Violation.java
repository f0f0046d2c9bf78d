package cn.lantian.fact;

/**
 * A failed requirement. {@code observed} against {@code required} says how far off it is (a ratio
 * for 100% items, a measurement for thresholds, 0 against 1 for yes/no duties).
 */
public record Violation(String code, String title, String standard, Double observed, Double required,
                        String legalBasis, String rule, String message) {

    /** The same violation citing another legal basis (the one in force on the day for the article its rule names). */
    public Violation citing(String basis) {
        return new Violation(code, title, standard, observed, required, basis, rule, message);
    }

    public Violation withStandard(String heldTo) {
        return new Violation(code, title, heldTo, observed, required, legalBasis, rule, message);
    }
}
