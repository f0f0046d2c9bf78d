package cn.lantian.engine;

/**
 * Fired (a CDI event) each time a ruleset starts serving: the one compiled at start-up, then each one
 * activated after it. What reports on the service (readiness, the ruleset gauge) observes it rather than
 * ask {@link ActiveRuleset}, so that reading it never starts a compile.
 */
public record RulesetActivated(Ruleset ruleset) {}
