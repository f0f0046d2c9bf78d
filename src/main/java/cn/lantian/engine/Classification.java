package cn.lantian.engine;

import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Episode;
import cn.lantian.fact.Warning;
import java.util.List;

/**
 * The warning level a forecast warrants: the highest level any episode meets, with every criterion
 * met and the rule behind it. {@code NONE} when no day is heavily polluted.
 */
public record Classification(String rulesetVersion, AlertLevel level, List<Episode> episodes,
                             List<Warning> warnings, List<TraceEntry> trace) {}
