package cn.lantian.fact;

import java.math.BigDecimal;

/**
 * A row of a parameters table: a named threshold the rules compare against, with its unit, a
 * Chinese title and the legal basis that sets it.
 */
public record Parameter(String name, String value, String unit, String title, String legalBasis) {

    /** The value as a number, for thresholds such as 2.5 (m) or 150 (µg/m³). */
    public double getNumber() {
        return new BigDecimal(value).doubleValue();
    }
}
