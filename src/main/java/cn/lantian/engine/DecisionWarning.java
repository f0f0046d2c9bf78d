package cn.lantian.engine;

/**
 * Something the people signing a decision must know before they do (contract section 6), in Chinese:
 * {@code UNVERIFIED_LEGAL_BASIS} when a violation, order or penalty rests on an article not yet
 * verified against the text in force ({@code legalBasis} names it).
 */
public record DecisionWarning(String code, String message, String legalBasis) {
    public static final String UNVERIFIED_LEGAL_BASIS = "UNVERIFIED_LEGAL_BASIS";
}
