package cn.lantian.fact;

/** A row of a standards table: the "N 个百分之百" profile {@code standard} holds {@code item}. */
public record StandardItem(String standard, String item, String legalBasis) {}
