package cn.lantian.engine;

/**
 * A row of the phases table ({@code phases.csv}): a named phase of the rules' firing order. The rows stand
 * in the order the phases fire; a rule joins one with {@code @phase("items")}, and the rules that name none
 * are in the phase marked {@code defaultPhase}. The loader turns the order into each rule's salience before
 * compiling ({@link RulePhases}), so that no rule file carries a salience number of its own.
 */
public record Phase(String phase, String title, Boolean defaultPhase) {}
