package cn.lantian.engine;

import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Violation;
import java.util.List;

/**
 * The answer to an inspection: {@code compliant} exactly when there is no violation; orders may
 * stand for a compliant subject (an alert's stop orders apply to everyone). {@code inspected} and
 * {@code notInspected} split the items the subject is held to (a site's standard, a plant's checks) by
 * whether the record holds them, so that an inspection that looked at little is never read as a pass.
 * Violations, orders and penalties cite the legal basis in force on the day (a repealed article's
 * successor); {@code warnings} say which of those bases are not yet verified.
 */
public record Decision(String evaluationId, String rulesetVersion, boolean compliant, List<Violation> violations,
                       List<Order> orders, List<Penalty> penalties, List<String> inspected, List<String> notInspected,
                       List<DecisionWarning> warnings, List<TraceEntry> trace) {}
