package cn.lantian.identity;

/**
 * Who a user is to the bureau (contract section 7). A user may hold several roles; each grants what it
 * names, and a request is allowed when any of the user's roles allows it.
 */
public enum Role {
    /** Manages users. */
    ADMIN,
    /** The bureau's head: the overview; declares and lifts alerts. */
    CHIEF,
    /** Records inspections and verifies cases, in the user's jurisdictions. */
    INSPECTOR,
    /** Validates, compares, activates and rolls back rules. */
    AUDITOR,
    /** A site's or plant's own account: its own subjects' self-checks, previews, evaluations and cases only. */
    ENTERPRISE,
    /** A dust monitor's own account: it may only send its readings. */
    MONITOR
}
