package cn.lantian.fact;

/**
 * A row of the campaign table (攻坚行动从重要求): a campaign policy applied on top of the discretion benchmark,
 * by its {@code code}; a row naming a {@code jurisdiction} switches it on or off there, the row without one
 * is the default.
 */
public record CampaignRule(String code, @MayBeBlank String jurisdiction, Boolean enabled, String title,
                           String legalBasis) {}
