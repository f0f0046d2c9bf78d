package cn.lantian.selfcheck;

import cn.lantian.engine.DecisionWarning;

import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Violation;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where a site or plant stands if inspected now: the decision at each alert level, each item of what
 * it is held to with PASS, FAIL or NOT_INSPECTED, and the gaps to fix first. Non-binding. {@code warnings}
 * gathers, once each, what any level's decision warns of (an article of the Code not yet verified).
 */
public record SelfCheckReport(String rulesetVersion, String subjectId, String standard, OffsetDateTime assessedAt,
                              List<LevelReadiness> levels, List<ItemStatus> items, List<Gap> gaps,
                              List<DecisionWarning> warnings) {

    /** The decision the subject would face under one alert level, and its total fine exposure. */
    public record LevelReadiness(AlertLevel alertLevel, boolean compliant, List<Violation> violations,
                                 List<Order> orders, List<Penalty> penalties, long exposureYuan,
                                 List<DecisionWarning> warnings) {}

    public enum Status { PASS, FAIL, NOT_INSPECTED }

    /** One item: its status, the levels at which it fails, and the condition that decided it. */
    public record ItemStatus(String code, String title, String legalBasis, Status status, List<AlertLevel> failingAt,
                             String condition) {}

    /**
     * Something to fix: the largest recommended fine it carries at any level, the levels at which it
     * fails, those at which it stands beside a stop order, and what to do.
     */
    public record Gap(String code, String title, String legalBasis, long maxFineYuan, List<AlertLevel> failingAt,
                      List<AlertLevel> stopOrderLevels, String message) {}
}
