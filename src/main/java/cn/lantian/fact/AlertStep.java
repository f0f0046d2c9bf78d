package cn.lantian.fact;

/** A row of the alert levels table: a level, the next stricter one, and its name. */
public record AlertStep(AlertLevel level, AlertLevel stricter, String title, String legalBasis) {}
