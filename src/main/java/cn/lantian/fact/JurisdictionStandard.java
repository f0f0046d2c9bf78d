package cn.lantian.fact;

/** A row of the jurisdictions table: the standard a jurisdiction holds its sites to by default. */
public record JurisdictionStandard(String jurisdiction, String standard, String legalBasis) {}
