package cn.lantian.store;

/**
 * A case changed (CASE_OPENED, CASE_REPLIED, CASE_CLOSED, CASE_NOT_RECTIFIED) or fell overdue (CASE_OVERDUE),
 * fired synchronously on the thread that changed it, inside its transaction: an observer that writes (a
 * notice to send) commits or rolls back with the change.
 */
public record CaseEvent(String event, StoredCase kase, String by, String evaluationId) {
    public static final String OPENED = "CASE_OPENED";
    public static final String REPLIED = "CASE_REPLIED";
    public static final String CLOSED = "CASE_CLOSED";
    public static final String NOT_RECTIFIED = "CASE_NOT_RECTIFIED";
    public static final String OVERDUE = "CASE_OVERDUE";
}
