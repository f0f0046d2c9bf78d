package cn.lantian.fact;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A row of a parameters table: a named setting the rules read, of a declared {@link Type}, with its unit
 * (blank where none fits), a Chinese title and the legal basis that sets it. The value is checked against
 * its type when the row is made, and kept in one written form ("06:00" for "6:00", "1000" for "1.0E3"),
 * so that a rule's read of it cannot fail at evaluation time.
 */
public record Parameter(String name, String value, Type type, @MayBeBlank String unit, String title, String legalBasis) {

    /** What a parameter's value is; the {@code type} column of a parameters table. */
    public enum Type {
        /** A decimal number ("2.5", "150", "1.0E3"): thresholds, hours, counts. */
        number,
        /** A time of day, HH:mm in the jurisdiction's calendar ("22:00"; "6:00" is read as 06:00). */
        time,
        /** A time zone by its region name ("Asia/Shanghai"). */
        zone,
        /** Any text. */
        text;

        private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");
        /** As written by hand or saved by a spreadsheet: "22:00", "6:00", "22:00:00". */
        private static final DateTimeFormatter AS_SAVED = DateTimeFormatter.ofPattern("H:mm[:ss]");

        /** The value in its one written form, or an exception saying in plain words why it is not of this type. */
        public String normalize(String value) {
            String v = value == null ? null : value.strip();
            switch (this) {
                case number -> {
                    BigDecimal n = TableNumber.parse(v);
                    if (n == null) {
                        throw new IllegalArgumentException("must be a number (type number), not \"" + value + "\"");
                    }
                    return TableNumber.plain(n);
                }
                case time -> {
                    try {
                        LocalTime t = LocalTime.parse(v, AS_SAVED);
                        if (t.getSecond() != 0) {
                            throw new DateTimeParseException("seconds", v, 0);
                        }
                        return t.format(HOUR_MINUTE);
                    } catch (DateTimeParseException | NullPointerException e) {
                        throw new IllegalArgumentException("must be a time of day written HH:mm such as 22:00 (type time), not \""
                                + value + "\"");
                    }
                }
                case zone -> {
                    try {
                        return ZoneId.of(v).getId();
                    } catch (DateTimeException | NullPointerException e) {
                        throw new IllegalArgumentException("must name a time zone such as Asia/Shanghai (type zone), not \""
                                + value + "\"");
                    }
                }
                default -> {
                    return value;
                }
            }
        }
    }

    public Parameter {
        if (type != null && value != null) {
            try {
                value = type.normalize(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column value of " + name + " " + e.getMessage());
            }
        }
    }

    /** The value as a number, for thresholds such as 2.5 (m) or 150 (µg/m³); only a parameter of type number has one. */
    public double getNumber() {
        if (type != Type.number) {
            throw new IllegalStateException("parameter " + name + " is of type " + type + ", not a number");
        }
        return new BigDecimal(value).doubleValue();
    }

    /** The value as a reader sees it: a number with its unit ("150 µg/m³"), anything else as written ("22:00"). */
    public String shown() {
        return type == Type.number && unit != null && !unit.isBlank() ? value + " " + unit : value;
    }
}
