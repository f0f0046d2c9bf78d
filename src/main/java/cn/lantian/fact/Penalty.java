package cn.lantian.fact;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A penalty decision under one legal basis, listing the violations it punishes. A daily continuous
 * penalty is one entry per open order still failing: {@code days} counted from that order's date
 * ({@code orderedAt}). {@code verified} is false when the legal basis has not been checked against the
 * text in force (a successor carried over from a repealed law). {@code calculation} is the fine's arithmetic, line by line.
 */
public record Penalty(String legalBasis, boolean verified, long fineMinYuan, long fineMaxYuan, long recommendedFineYuan,
                      Integer days, OffsetDateTime orderedAt, List<String> measures, List<String> violations,
                      String rule, String reason, List<String> calculation) {}
