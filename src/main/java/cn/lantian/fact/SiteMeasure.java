package cn.lantian.fact;

/**
 * A row of the site measures table: what a site of that class (ORDINARY, or KEY_PROJECT while it meets
 * every standard) is ordered at that alert level.
 */
public record SiteMeasure(String siteClass, AlertLevel level, OrderType order, @MayBeBlank Activity activity,
                          String legalBasis) {}
