package cn.lantian.fact;

import java.util.List;

/** A penalty decision under one legal basis, listing the violations it punishes. */
public record Penalty(String legalBasis, long fineMinYuan, long fineMaxYuan, long recommendedFineYuan,
                      Integer days, List<String> measures, List<String> violations, String rule,
                      String reason) {}
