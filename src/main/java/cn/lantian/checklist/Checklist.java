package cn.lantian.checklist;

import cn.lantian.fact.Activity;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.OrderType;
import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.SubjectKind;
import java.util.List;

/**
 * What an inspector checks on a site held to {@code standard}, or on a plant of {@code performanceGrade},
 * while {@code alertLevel} is in force: the items, each as its rules state it, and the measures the
 * rules order at that level. Every text is the rules' own, so the list cannot drift from the decisions.
 */
public record Checklist(String rulesetVersion, SubjectKind kind, String standard, PerformanceGrade performanceGrade,
                        AlertLevel alertLevel, String alertTitle, Language lang, List<Item> items,
                        List<Measures> measures) {

    public enum Language { zh, en }

    /**
     * Why an item is on the list: it belongs to the site's standard, it is a duty of every site or plant,
     * or the measures of the alert level in force make it checkable (stopped work, production limits).
     * Items are listed in this order, each group in the order of the standards table or the rules.
     */
    public enum Group { STANDARD, DUTY, ALERT }

    /**
     * One item, one row of the printed list. {@code check} and {@code criterion} hold each distinct text its
     * rules carry ({@code criterion} holds the rules' English names when {@code lang=en}); {@code record}
     * the request fields to fill in; {@code parameters} the current value of each threshold the texts name.
     * {@code requiredBy} is why the standard holds the item (a row of the standards table).
     */
    public record Item(String code, String title, Group group, Basis legalBasis, Basis requiredBy,
                       List<String> check, List<String> record, List<String> criterion, List<Threshold> parameters) {}

    /** A legal basis: its code and the article's title from the legal bases table. */
    /** A legal basis as the checklist cites it: the article in force on its day; {@code verified} false while it is 待核. */
    public record Basis(String code, String title, boolean verified) {}

    /** A threshold named in an item's text, as the parameters table now sets it. */
    public record Threshold(String name, String value, String unit, String title) {}

    /**
     * The orders the rules give at the level to one kind of subject: {@code ORDINARY} (a site, or a plant of
     * the grade), {@code KEY_PROJECT} (a key project meeting every standard) or {@code STAGGERED_PRODUCTION}
     * (a plant of the grade on the staggered-production list).
     */
    public record Measures(String appliesTo, List<Measure> orders) {}

    public record Measure(OrderType type, Activity activity, Integer limitPercent, String maxBannedStandard,
                          Basis legalBasis, String reason, String rule) {}
}
