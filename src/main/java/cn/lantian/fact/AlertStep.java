package cn.lantian.fact;

/** A row of the alert levels table: a level and the next stricter one (its name is in the labels table). */
public record AlertStep(AlertLevel level, AlertLevel stricter, String legalBasis) {}
