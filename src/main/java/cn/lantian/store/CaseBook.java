package cn.lantian.store;

import cn.lantian.engine.Decision;
import cn.lantian.engine.ItemCatalogue;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.CaseOutcome;
import cn.lantian.fact.CaseState;
import cn.lantian.fact.History;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.Order;
import cn.lantian.fact.OrderType;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The life of rectification cases (domain.md section 11), kept in the store with the evaluations that move
 * them: a recorded evaluation's RECTIFY orders open one case per violation (none for an item already under
 * an open case); a recorded follow-up that inspected a case's item closes it when the item passes and makes
 * it NOT_RECTIFIED when it fails (it stays open); a follow-up that did not inspect the item leaves it as it
 * was. A reply makes it REPLIED, and says whether the item was put right. The open cases are the open
 * orders a follow-up is decided with ({@code history.rectifications}), with the items replied put right
 * as {@code claimedRectified}.
 */
@ApplicationScoped
public class CaseBook {
    @Inject
    CaseStore store;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    Event<CaseEvent> events;

    @Inject
    Database db;

    @Inject
    EvaluationStore evaluations;

    /**
     * The open orders of a subject for a record inspected at {@code at}: its open cases ordered before then,
     * one order per evaluation that opened them, oldest first, with the fines decided with that order.
     */
    public List<History.Rectification> openOrders(String subjectId, OffsetDateTime at) {
        return openOrders(openBefore(subjectId, at));
    }

    /** A subject's open cases ordered before {@code at}: what a record inspected then is decided with and verifies. */
    public List<StoredCase> openBefore(String subjectId, OffsetDateTime at) {
        return store.openBefore(subjectId, at);
    }

    /** These open cases as open orders, one per evaluation that opened them, oldest first. */
    public static List<History.Rectification> openOrders(List<StoredCase> open) {
        Map<String, List<StoredCase>> byOrder = new LinkedHashMap<>();
        open.forEach(c -> byOrder.computeIfAbsent(c.openedBy() + " " + c.orderedAt(),
                k -> new ArrayList<>()).add(c));
        List<History.Rectification> out = new ArrayList<>();
        for (List<StoredCase> cases : byOrder.values()) {
            StoredCase first = cases.get(0);
            out.add(new History.Rectification(first.orderedAt(), cases.stream().map(StoredCase::violation).toList(),
                    first.originalFineYuan(), cases.stream().filter(StoredCase::claimed).map(StoredCase::violation).toList()));
        }
        return List.copyOf(out);
    }

    /** What a recorded evaluation did to the subject's cases. */
    public record Changes(List<StoredCase> opened, List<StoredCase> closed, List<StoredCase> notRectified) {}

    /**
     * After an evaluation is stored (in its transaction): verifies the open cases it was decided with
     * ({@code decidedWith}, read in the same transaction) whose item it inspected, then opens a case for each
     * violation a RECTIFY order names that no open case holds. An alarm's open case for such an item becomes the
     * order's case (an alarm is not an order: the record was not decided with it, and it is not verified here). A
     * case changed since it was read (a reply, another
     * follow-up) refuses the whole recording as a conflict, so that no case moves on a decision that did not see
     * it as it stands. A record inspected before the subject's latest kept one (a paper record entered late)
     * changes no case: the later inspections have already said where each item stands.
     */
    public Changes afterRecorded(String evaluationId, Inspection inspection, Decision decision, Ruleset ruleset, String by,
                                 List<StoredCase> decidedWith) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String subject = inspection.subject().id();
        if (evaluations.inspectedAfter(subject, inspection.inspectedAt())) {
            return new Changes(List.of(), List.of(), List.of());
        }
        Set<String> failing = new LinkedHashSet<>();
        decision.violations().forEach(v -> failing.add(v.code()));
        List<StoredCase> closed = new ArrayList<>();
        List<StoredCase> notRectified = new ArrayList<>();
        for (StoredCase c : decidedWith) {
            if (!ItemCatalogue.recorded(inspection, ItemCatalogue.fields(ruleset, c.violation()))) {
                continue;
            }
            boolean fails = failing.contains(c.violation());
            OffsetDateTime at = inspection.inspectedAt();
            StoredCase next = c.with(fails ? CaseState.NOT_RECTIFIED : CaseState.CLOSED, false, fails ? null : at, now, at);
            if (!store.update(c, next)) {
                throw new StoreConflictException("the case " + c.id() + " of " + subject
                        + " changed while this follow-up was recorded; nothing was kept, send it again");
            }
            store.addStep(c.id(), new StoredCase.Step(store.steps(c.id()).size() + 1, evaluationId, inspection.inspectedAt(),
                    fails ? CaseOutcome.FAILED : CaseOutcome.PASSED));
            audit.record(by, "CASE_VERIFIED", c.id(), c.jurisdiction(), Map.of("subject", subject, "violation", c.violation(),
                    "evaluation", evaluationId, "outcome", next.state().name(), "claimed", c.claimed()));
            (fails ? notRectified : closed).add(next);
            events.fire(new CaseEvent(fails ? CaseEvent.NOT_RECTIFIED : CaseEvent.CLOSED, next, by, evaluationId));
        }
        Set<String> held = new LinkedHashSet<>();
        Map<String, StoredCase> alarmCases = new LinkedHashMap<>();
        for (StoredCase c : store.open(subject)) {
            held.add(c.violation());
            if (c.fromAlarm()) {
                alarmCases.put(c.violation(), c);
            }
        }
        Set<String> findings = Set.copyOf(ItemCatalogue.followUpItems(ruleset));
        List<Order> toOpen = new ArrayList<>();
        Map<Order, StoredCase> toTakeOver = new LinkedHashMap<>();
        for (Order o : decision.orders()) {
            if (o.type() != OrderType.RECTIFY || o.violation() == null || findings.contains(o.violation())) {
                continue;
            }
            StoredCase alarmCase = alarmCases.remove(o.violation());
            if (alarmCase != null) {
                toTakeOver.put(o, alarmCase);
            } else if (held.add(o.violation())) {
                toOpen.add(o);
            }
        }
        List<StoredCase> opened = new ArrayList<>();
        if (!toOpen.isEmpty() || !toTakeOver.isEmpty()) {
            Set<String> items = new LinkedHashSet<>();
            toOpen.forEach(o -> items.add(o.violation()));
            toTakeOver.keySet().forEach(o -> items.add(o.violation()));
            long fines = finesFor(decision, items);
            for (Order o : toOpen) {
                Violation v = decision.violations().stream().filter(x -> x.code().equals(o.violation())).findFirst().orElse(null);
                StoredCase c = new StoredCase(UUID.randomUUID().toString(), subject, inspection.subject().kind().name(),
                        inspection.subject().name(), inspection.subject().jurisdiction(), o.violation(),
                        v == null ? o.violation() : v.title(), o.legalBasis(), o.reason(), evaluationId,
                        inspection.inspectedAt(), o.deadline(), fines, CaseState.OPEN, false, null, now,
                        inspection.inspectedAt(), 1, StoredCase.FROM_INSPECTION);
                store.insert(c);
                store.addStep(c.id(), new StoredCase.Step(1, evaluationId, inspection.inspectedAt(), CaseOutcome.OPENED));
                audit.record(by, "CASE_OPENED", c.id(), c.jurisdiction(), Map.of("subject", subject, "violation", c.violation(),
                        "evaluation", evaluationId, "deadline", String.valueOf(c.deadline())));
                opened.add(c);
                events.fire(new CaseEvent(CaseEvent.OPENED, c, by, evaluationId));
            }
            // an alarm's case for an item this record orders put right becomes the order's case: one case per item
            for (Map.Entry<Order, StoredCase> e : toTakeOver.entrySet()) {
                Order o = e.getKey();
                StoredCase was = e.getValue();
                StoredCase c = was.orderedBy(evaluationId, inspection.inspectedAt(), o.deadline(), fines, o.reason(),
                        o.legalBasis(), now);
                if (!store.takeOver(was, c)) {
                    throw new StoreConflictException("the case " + was.id() + " of " + subject
                            + " changed while this record was kept; nothing was kept, send it again");
                }
                store.addStep(c.id(), new StoredCase.Step(store.steps(c.id()).size() + 1, evaluationId, inspection.inspectedAt(),
                        CaseOutcome.OPENED));
                audit.record(by, "CASE_ORDERED", c.id(), c.jurisdiction(), Map.of("subject", subject, "violation", c.violation(),
                        "evaluation", evaluationId, "alarm", was.openedBy(), "deadline", String.valueOf(c.deadline())));
                opened.add(c);
                events.fire(new CaseEvent(CaseEvent.OPENED, c, by, evaluationId));
            }
        }
        return new Changes(List.copyOf(opened), List.copyOf(closed), List.copyOf(notRectified));
    }

    /** The fines decided with an order: the penalties (not a daily one) that cover any of its items. */
    private static long finesFor(Decision decision, Set<String> items) {
        long fines = 0;
        for (Penalty p : decision.penalties()) {
            if (p.days() == null && p.violations().stream().anyMatch(items::contains)) {
                fines += p.recommendedFineYuan();
            }
        }
        return fines;
    }

    /**
     * A reply to an open case (in the caller's transaction): kept, the case REPLIED, and claimed put right
     * when {@code rectified} names its item. A case closed meanwhile is a conflict.
     */
    public StoredCase reply(StoredCase read, String by, String note, List<String> rectified, List<String> evidence) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        StoredCase c = store.find(read.id()).orElseThrow(() -> new StoreConflictException("the case " + read.id() + " is gone"));
        if (!c.state().isOpen()) {
            throw new StoreConflictException("the case " + c.id() + " is closed: a follow-up found its item put right");
        }
        // a case found NOT_RECTIFIED stays so until a follow-up finds its item passing; the reply is its claim
        CaseState state = c.state() == CaseState.NOT_RECTIFIED ? CaseState.NOT_RECTIFIED : CaseState.REPLIED;
        StoredCase next = c.with(state, rectified.contains(c.violation()), null, now, c.lastInspectedAt());
        if (!store.update(c, next)) {
            throw new StoreConflictException("the case " + c.id() + " changed while this reply was sent; send it again");
        }
        store.addReply(c.id(), new StoredCase.Reply(store.replies(c.id()).size() + 1, now, by, note, List.copyOf(rectified),
                List.copyOf(evidence)));
        audit.record(by, "CASE_REPLIED", c.id(), c.jurisdiction(), Map.of("subject", c.subjectId(), "violation", c.violation(),
                "rectified", rectified, "evidence", evidence));
        events.fire(new CaseEvent(CaseEvent.REPLIED, next, by, null));
        return next;
    }

    /**
     * Fires CASE_OVERDUE once for each case newly past its deadline, each in a transaction with its claim
     * (an observer's notice commits with it); the cases noticed.
     */
    public List<StoredCase> noticeOverdue(int limit) {
        List<StoredCase> noticed = new ArrayList<>();
        for (StoredCase c : store.newlyOverdue(clock.instant(), limit)) {
            db.transaction(() -> {
                if (store.claimOverdue(c.id(), clock.instant())) {
                    events.fire(new CaseEvent(CaseEvent.OVERDUE, c, "system", null));
                    noticed.add(c);
                }
                return null;
            });
        }
        return noticed;
    }

    /**
     * An alarm's case once an inspector has verified the last of its alarms (in the caller's transaction): closed, with
     * the evaluation the confirmation was recorded in as its step (CONFIRMED: the record's decision says what follows;
     * an order for the alarm's own item would have taken the case over), or with none for a dismissal. A case an order took over, or one
     * closed already, is left as it stands; so is one with alarms still to verify.
     */
    public java.util.Optional<StoredCase> settleAlarmCase(String caseId, java.util.function.IntSupplier stillUnverified, String by,
                                                          String alarmId, String outcome, String evaluationId,
                                                          OffsetDateTime inspectedAt) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // held first: another verification of the case's alarms, or an alarm joining it, waits for this transaction,
        // and the count below sees what it kept
        if (!store.hold(caseId, now)) {
            return java.util.Optional.empty();
        }
        StoredCase c = store.find(caseId).orElse(null);
        if (c == null || !c.fromAlarm() || !c.state().isOpen() || stillUnverified.getAsInt() > 0) {
            return java.util.Optional.empty();
        }
        OffsetDateTime at = inspectedAt == null ? c.lastInspectedAt() : inspectedAt;
        StoredCase next = c.with(CaseState.CLOSED, false, now, now, at);
        if (!store.update(c, next)) {
            throw new StoreConflictException("the case " + c.id() + " changed while the alarm was verified; send it again");
        }
        if (evaluationId != null) {
            store.addStep(c.id(), new StoredCase.Step(store.steps(c.id()).size() + 1, evaluationId, inspectedAt, CaseOutcome.CONFIRMED));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subject", c.subjectId());
        detail.put("violation", c.violation());
        detail.put("alarm", alarmId);
        detail.put("outcome", outcome);
        if (evaluationId != null) {
            detail.put("evaluation", evaluationId);
        }
        audit.record(by, "CASE_CLOSED", c.id(), c.jurisdiction(), detail);
        events.fire(new CaseEvent(CaseEvent.CLOSED, next, by, evaluationId));
        return java.util.Optional.of(next);
    }

    /**
     * The case a monitoring alarm opens (contract section 8: every monitoring alarm opens a case), in the caller's
     * transaction: a new one for the alarm's code, or the subject's case already open for that code (an item under
     * an open case opens no second one). Its {@code openedBy} is the alarm's id; the deadline is the alarm's table's.
     */
    public StoredCase openForAlarm(String alarmId, String subjectId, String jurisdiction, String code, String title,
                                   String legalBasis, String reason, OffsetDateTime raisedAt, OffsetDateTime deadline) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (StoredCase open : store.open(subjectId)) {
            // held, so that a verification closing it meanwhile is seen: a case closed since it was read is not joined
            if (open.violation().equals(code) && store.hold(open.id(), now)) {
                return store.find(open.id()).orElse(open);
            }
        }
        StoredCase c = new StoredCase(UUID.randomUUID().toString(), subjectId, "SITE", null, jurisdiction, code, title,
                legalBasis, reason, alarmId, raisedAt, deadline, 0, CaseState.OPEN, false, null, now, raisedAt, 1,
                StoredCase.FROM_ALARM);
        store.insert(c);
        audit.record("system", "CASE_OPENED", c.id(), jurisdiction, Map.of("subject", subjectId, "violation", code,
                "alarm", alarmId, "deadline", String.valueOf(deadline)));
        events.fire(new CaseEvent(CaseEvent.OPENED, c, "system", null));
        return c;
    }
}
