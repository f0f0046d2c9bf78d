package cn.lantian.store;

import cn.lantian.fact.CaseOutcome;
import cn.lantian.fact.CaseState;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A rectification case as kept (contract section 8): the subject, the violation ordered put right and the
 * order's law, reason, date, deadline and the fines decided with it; where it stands, and whether the
 * subject's latest reply since the last follow-up said the item was put right ({@code claimed}).
 * Times are as written in the inspection, in its own offset. {@code lastInspectedAt} is the latest inspection that
 * opened or verified it; {@code version} grows with every change; {@code origin} says whether an inspection's order
 * or a monitoring alarm opened it.
 */
public record StoredCase(String id, String subjectId, String subjectKind, String subjectName, String jurisdiction,
                         String violation, String title, String legalBasis, String reason, String openedBy,
                         OffsetDateTime orderedAt, OffsetDateTime deadline, long originalFineYuan, CaseState state,
                         boolean claimed, OffsetDateTime closedAt, OffsetDateTime updatedAt, OffsetDateTime lastInspectedAt,
                         int version, String origin) {
    /** A case an inspection's RECTIFY order opened. */
    public static final String FROM_INSPECTION = "INSPECTION";
    /** A case a monitoring alarm opened: not an order, until an order for its item takes it over. */
    public static final String FROM_ALARM = "ALARM";

    public boolean fromAlarm() {
        return FROM_ALARM.equals(origin);
    }

    /** Past its deadline with no passing follow-up, at {@code now}. */
    public boolean overdueAt(java.time.Instant now) {
        return state.isOpen() && deadline != null && deadline.toInstant().isBefore(now);
    }

    /** The case moved on by a reply or a follow-up; {@code inspected} the follow-up's time, else the last one's. */
    StoredCase with(CaseState next, boolean claimedNow, OffsetDateTime closed, OffsetDateTime at, OffsetDateTime inspected) {
        return new StoredCase(id, subjectId, subjectKind, subjectName, jurisdiction, violation, title, legalBasis, reason,
                openedBy, orderedAt, deadline, originalFineYuan, next, claimedNow, closed, at, inspected, version + 1, origin);
    }

    /** An alarm's case taken over by an inspection's RECTIFY order for its item: from now on it is that order's case. */
    StoredCase orderedBy(String evaluationId, OffsetDateTime ordered, OffsetDateTime due, long fines, String orderReason,
                         String basis, OffsetDateTime at) {
        return new StoredCase(id, subjectId, subjectKind, subjectName, jurisdiction, violation, title, basis, orderReason,
                evaluationId, ordered, due, fines, CaseState.OPEN, false, null, at, ordered, version + 1, FROM_INSPECTION);
    }

    /** A reply of the subject (or of an inspector for it): what it did, the items it says are put right, its evidence. */
    public record Reply(int seq, OffsetDateTime at, String by, String note, List<String> rectified, List<String> evidence) {}

    /** An evaluation the case went through: the one that opened it, or a follow-up and what it found. */
    public record Step(int seq, String evaluationId, OffsetDateTime inspectedAt, CaseOutcome outcome) {}
}
