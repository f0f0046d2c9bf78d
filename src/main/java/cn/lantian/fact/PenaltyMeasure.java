package cn.lantian.fact;

/** A further measure (BLACKLIST, REFER_TO_POLICE, …) for the penalty under a national article, and why. */
public record PenaltyMeasure(String nationalBasis, String measure, String reason) {}
