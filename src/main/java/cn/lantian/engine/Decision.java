package cn.lantian.engine;

import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Violation;
import java.util.List;

/**
 * The answer to an inspection: {@code compliant} exactly when there is no violation; orders may
 * stand for a compliant subject (an alert's stop orders apply to everyone).
 */
public record Decision(String evaluationId, String rulesetVersion, boolean compliant, List<Violation> violations,
                       List<Order> orders, List<Penalty> penalties, List<TraceEntry> trace) {}
