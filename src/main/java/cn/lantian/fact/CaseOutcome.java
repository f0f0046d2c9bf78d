package cn.lantian.fact;

/** What an evaluation did to a case: opened it (the order), or verified it on a follow-up, passing or failing. */
public enum CaseOutcome {
    OPENED, PASSED, FAILED
}
