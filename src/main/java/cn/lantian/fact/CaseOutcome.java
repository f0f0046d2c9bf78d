package cn.lantian.fact;

/**
 * What an evaluation did to a case: opened it (the order), or verified it on a follow-up, passing or failing; or, for a
 * monitoring alarm's case, recorded the inspector's confirmation of the alarm, which settles it (CONFIRMED).
 */
public enum CaseOutcome {
    OPENED, PASSED, FAILED, CONFIRMED
}
