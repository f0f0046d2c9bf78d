package cn.lantian.fact;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A number as a spreadsheet saves it in a table cell: "150", "2.5", "-3", Excel's scientific form
 * ("1.0E3", "1E+05") and its thousands separators ("100,000", a quoted cell in CSV). Anything else,
 * and numbers beyond a double's range, are no number.
 */
public final class TableNumber {
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private TableNumber() {}

    /** The decimal the cell holds, or null when it holds none. */
    public static BigDecimal parse(String cell) {
        if (cell == null) {
            return null;
        }
        String v = cell.strip();
        if (GROUPED.matcher(v).matches()) {
            v = v.replace(",", "");
        }
        if (v.isEmpty() || !v.chars().allMatch(c -> c < 128)) {
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(v);
            return Double.isFinite(n.doubleValue()) ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The number written plainly, without exponent or trailing zeros: "1000" for "1.0E3", "2.5" for "2.50". */
    public static String plain(BigDecimal n) {
        return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    }
}
