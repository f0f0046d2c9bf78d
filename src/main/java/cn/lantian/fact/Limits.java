package cn.lantian.fact;

/**
 * What a real inspection record can hold. Beyond these a number or text is a typo or an attack, never
 * an inspection: it is refused (400) before any rule or the store sees it, so that no count overflows,
 * no ratio of absurd areas rounds into a pass, and no text is longer than the store keeps. These bound
 * the input, not the policy: every threshold the rules apply stays in rules/.
 */
public final class Limits {
    private Limits() {}

    /** inspectionId, subject.id (the store keeps 200). */
    public static final int ID = 100;
    /** subject.name. */
    public static final int NAME = 200;
    /** subject.jurisdiction (the store keeps 100). */
    public static final int JURISDICTION = 64;
    /** A code or a name from rules/: subject.standard, enterprise.industry, a violation code. */
    public static final int CODE = 64;

    /** Piles, vehicles, operations, machines or trucks counted in one inspection. */
    public static final int COUNT = 10_000;
    /** Earlier decisions with a violation in a year. */
    public static final int EARLIER_VIOLATIONS = 100_000;
    /** How long a conduct has gone on, in days (a century). */
    public static final int DURATION_DAYS = 36_600;
    /** Legal bases with earlier violations in one history. */
    public static final int BASES = 200;
    /** A site's perimeter or fence, in metres (100 km). */
    public static final String LENGTH_M = "100000";
    /** A site's area, in square metres (100 km²). */
    public static final String AREA_M2 = "100000000";
    /** The height of a fence panel, in metres. */
    public static final String HEIGHT_M = "50";
    /** An hourly PM10 reading, µg/m³ (a sandstorm reads under 10,000). */
    public static final String PM10_UG_M3 = "100000";

    /** Inspections and orders take place in these years (both included). */
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    /** Activities under way: each of the seven at most once. */
    public static final int ACTIVITIES = 7;

    /** Open correction orders, and the items of one order. */
    public static final int OPEN_ORDERS = 100;
    public static final int ORDER_ITEMS = 50;
    /** Notes of an inspection, one per item at most. */
    public static final int ITEM_NOTES = 100;
}
