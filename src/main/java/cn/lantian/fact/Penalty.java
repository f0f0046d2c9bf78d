package cn.lantian.fact;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A penalty decision under one legal basis, listing the violations it punishes. A daily continuous
 * penalty is one entry per open order still failing: {@code days} counted from that order's date
 * ({@code orderedAt}).
 */
public record Penalty(String legalBasis, long fineMinYuan, long fineMaxYuan, long recommendedFineYuan,
                      Integer days, OffsetDateTime orderedAt, List<String> measures, List<String> violations,
                      String rule, String reason) {}
