package cn.lantian.fact;


/**
 * A row of the legal bases table: an article of law (or a local regulation, or a policy document) with
 * its fine range in whole yuan (blank: no fine), whether it orders correction (责令改正), what follows
 * a refusal, and the conduct it punishes. A local row names its {@code jurisdiction} and the national
 * article it {@code overrides} there. (Not named LegalBasis: Drools would take every rule's
 * {@code @legalBasis} metadata for an annotation of that type.)
 */
public record LawArticle(String code, @MayBeBlank String jurisdiction, @MayBeBlank String overrides, String title,
                         @MayBeBlank Long fineMinYuan, @MayBeBlank Long fineMaxYuan, Boolean ordersCorrection,
                         @MayBeBlank String furtherMeasures, String conduct, @MayBeBlank String succeeds,
                         @MayBeBlank Boolean verified) {

    /** The rows of tables and tests written before succession and verification: a national or local article of its own, verified. */
    public LawArticle(String code, String jurisdiction, String overrides, String title, Long fineMinYuan, Long fineMaxYuan,
                      Boolean ordersCorrection, String furtherMeasures, String conduct) {
        this(code, jurisdiction, overrides, title, fineMinYuan, fineMaxYuan, ordersCorrection, furtherMeasures, conduct,
                null, null);
    }

    /**
     * Whether the article and its range have been checked against the text in force: false for a
     * successor carried over from a repealed law until an auditor enters the new text's own article
     * (domain.md section 8). Blank reads as verified.
     */
    public boolean isVerified() {
        return !Boolean.FALSE.equals(verified);
    }

    /** The article whose lineage this row belongs to: the one it overrides (a local row), succeeds, or itself. */
    public String lineage() {
        return overrides != null ? overrides : succeeds != null ? succeeds : code;
    }

    /**
     * Whether this range punishes more lightly than {@code other}'s (APL-37 从轻): a lower maximum, or the same
     * maximum and a lower minimum. A blank maximum is no cap (as the daily continuous penalty reads it), so
     * an article that gains a cap is lighter than one without. A tie is not lighter.
     */
    public boolean lighterThan(LawArticle other) {
        long max = fineMaxYuan == null ? Long.MAX_VALUE : fineMaxYuan;
        long otherMax = other.fineMaxYuan == null ? Long.MAX_VALUE : other.fineMaxYuan;
        if (max != otherMax) {
            return max < otherMax;
        }
        long min = fineMinYuan == null ? 0 : fineMinYuan;
        long otherMin = other.fineMinYuan == null ? 0 : other.fineMinYuan;
        return min < otherMin;
    }

    public boolean hasFine() {
        return fineMaxYuan != null;
    }
}
