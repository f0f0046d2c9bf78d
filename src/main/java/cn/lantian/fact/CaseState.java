package cn.lantian.fact;

/**
 * Where a rectification case stands (contract section 8): OPEN once ordered, REPLIED once the subject has
 * said what it did, CLOSED when a follow-up finds the item passing, NOT_RECTIFIED when a follow-up finds
 * it still failing (the case stays open until one finds it passing).
 */
public enum CaseState {
    OPEN, REPLIED, CLOSED, NOT_RECTIFIED;

    public boolean isOpen() {
        return this != CLOSED;
    }
}
