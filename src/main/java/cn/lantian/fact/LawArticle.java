package cn.lantian.fact;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A row of the legal bases table: an article of law (or a local regulation, or a policy document) with
 * its fine range in whole yuan (blank: no fine), whether it orders correction (责令改正), what follows
 * a refusal, and the conduct it punishes. A local row names its {@code jurisdiction} and the national
 * article it {@code overrides} there. (Not named LegalBasis: Drools would take every rule's
 * {@code @legalBasis} metadata for an annotation of that type.)
 */
public record LawArticle(String code, @MayBeBlank String jurisdiction, @MayBeBlank String overrides, String title,
                         @MayBeBlank Long fineMinYuan, @MayBeBlank Long fineMaxYuan, Boolean ordersCorrection,
                         @MayBeBlank String furtherMeasures, String conduct) {

    public boolean hasFine() {
        return fineMaxYuan != null;
    }

    /** min + fraction × (max − min), rounded half up to the yuan: 0 gives the minimum, 0.5 the midpoint, 1 the maximum. */
    public long fineAt(double fraction) {
        long min = fineMinYuan == null ? 0 : fineMinYuan;
        return BigDecimal.valueOf(fineMaxYuan - min).multiply(BigDecimal.valueOf(fraction))
                .setScale(0, RoundingMode.HALF_UP).longValue() + min;
    }
}
