package cn.lantian.cases;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Text;
import cn.lantian.fact.CaseState;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.identity.Access;
import cn.lantian.store.CaseBook;
import cn.lantian.store.CaseStore;
import cn.lantian.store.Database;
import cn.lantian.store.StoredCase;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rectification cases as their users see them (contract section 8): staff read the cases of the
 * jurisdictions they act in, a subject's own account those of its subjects; the subject's account (or an
 * inspector there) replies; a recorded follow-up verifies them (see {@link CaseBook}). Overdue is worked out
 * when a case is read, from the one clock, so it is never stale.
 */
@ApplicationScoped
public class Cases {
    public static final int MAX_PAGE_SIZE = 100;

    @Inject
    CaseStore store;

    @Inject
    CaseBook book;

    @Inject
    Database db;

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    @Inject
    cn.lantian.evidence.EvidenceFiles evidence;

    /** The subject of a case. */
    public record Subject(String id, String kind, String name, String jurisdiction) {}

    /** A case as answered: where it stands now, with its replies and the evaluations it went through. */
    public record View(String id, Subject subject, String violation, String title, String legalBasis, String reason,
                       OffsetDateTime orderedAt, OffsetDateTime deadline, CaseState state, boolean overdue, boolean claimed,
                       long originalFineYuan, OffsetDateTime closedAt, OffsetDateTime updatedAt,
                       List<StoredCase.Reply> replies, List<StoredCase.Step> evaluations, String origin) {}

    public record Page(int page, int size, long total, List<View> items) {}

    /** What a list asks for: null for any. */
    public record Query(String jurisdiction, String subject, CaseState state, Boolean open, Boolean overdue) {}

    /** The cases the query asks for that the actor may read, the earliest deadline first, a page at a time. */
    public Page list(Actor actor, Query q, int page, int size) {
        Instant now = clock.instant();
        Set<String> jurisdictions = null;
        Set<String> subjects = null;
        if (actor.hasAny(Role.INSPECTOR, Role.CHIEF)) {
            if (q.jurisdiction() != null) {
                Access.mayActIn(actor, q.jurisdiction(), Role.INSPECTOR, Role.CHIEF);
                jurisdictions = Set.of(q.jurisdiction());
            } else {
                jurisdictions = actor.jurisdictions();
            }
        } else if (actor.has(Role.ENTERPRISE)) {
            if (q.subject() != null && !actor.owns(q.subject())) {
                throw new ForbiddenException("the account " + actor.username() + " is not bound to the subject " + q.subject());
            }
            if (actor.subjects().isEmpty()) {
                return new Page(page, size, 0, List.of());
            }
            subjects = actor.subjects();
            if (q.jurisdiction() != null) {
                jurisdictions = Set.of(q.jurisdiction());
            }
        } else {
            throw new ForbiddenException("cases are read by staff of their jurisdiction and by the subject's own account");
        }
        CaseStore.Page found = store.list(new CaseStore.Filter(jurisdictions, subjects, q.subject(), q.state(), q.open(),
                q.overdue(), now), page, size);
        List<View> items = new ArrayList<>();
        found.cases().forEach(c -> items.add(view(c, now)));
        return new Page(page, size, found.total(), items);
    }

    /** One case, for whoever may read its subject's records. */
    public View read(Actor actor, String id) {
        return view(readable(actor, id), clock.instant());
    }

    private StoredCase readable(Actor actor, String id) {
        StoredCase c = store.find(id).orElseThrow(() -> new NotFoundException("no case " + id));
        if (!Access.canRead(actor, c.subjectId(), c.jurisdiction())) {
            // a case the actor may not read is answered as one that is not there: its id says nothing
            throw new NotFoundException("no case " + id);
        }
        return c;
    }

    /**
     * A reply to an open case by the subject's own account or an inspector acting in its jurisdiction: the
     * items it says are put right can only be the case's own, and its evidence must be files the replier
     * uploaded about that subject.
     */
    public View reply(Actor actor, String id, String body) {
        StoredCase c = readable(actor, id);
        boolean own = actor.has(Role.ENTERPRISE) && actor.owns(c.subjectId());
        boolean inspector = actor.has(Role.INSPECTOR) && actor.actsIn(c.jurisdiction());
        if (!own && !inspector) {
            throw new ForbiddenException("a case is answered by its subject's own account or an inspector of its jurisdiction");
        }
        RequestReader reader = new RequestReader(validator);
        CaseReply reply = reader.parse(body, CaseReply.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(reply));
        for (int i = 0; i < reply.rectified().size() && errors.isEmpty(); i++) {
            if (!c.violation().equals(reply.rectified().get(i))) {
                errors.add(FieldError.of("rectified[" + i + "]", "lantian.case.notThisItem", "item", reply.rectified().get(i),
                        "violation", c.violation()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.reply"), errors);
        }
        evidence.requireAttachable(actor, c.subjectId(), c.jurisdiction(), reply.evidence(), "evidence");
        StoredCase replied = db.transaction(() -> book.reply(c, actor.username(), reply.note().strip(), reply.rectified(),
                reply.evidence()));
        return view(replied, clock.instant());
    }

    /** A task of the actor's: a case that waits on them, and what it waits for. */
    public record Task(String kind, View kase) {}

    /**
     * What needs the actor's action: for a subject's account, its cases to answer (OPEN, and NOT_RECTIFIED not
     * answered since); for an inspector, the cases to verify by a follow-up (REPLIED, and NOT_RECTIFIED said since
     * to be put right); for a chief, the overdue cases to supervise (督办).
     */
    public List<Task> tasks(Actor actor) {
        Instant now = clock.instant();
        List<Task> out = new ArrayList<>();
        if (actor.has(Role.ENTERPRISE) && !actor.subjects().isEmpty()) {
            // found not rectified and not answered since, then never answered
            for (CaseState s : List.of(CaseState.NOT_RECTIFIED, CaseState.OPEN)) {
                store.list(new CaseStore.Filter(null, actor.subjects(), null, s, null, null, now, false), 0, MAX_PAGE_SIZE)
                        .cases().forEach(c -> out.add(new Task("REPLY", view(c, now))));
            }
        }
        if (actor.has(Role.INSPECTOR)) {
            // replied, or found not rectified and since said to be put right
            store.list(new CaseStore.Filter(actor.jurisdictions(), null, null, CaseState.REPLIED, null, null, now), 0,
                    MAX_PAGE_SIZE).cases().forEach(c -> out.add(new Task("VERIFY", view(c, now))));
            store.list(new CaseStore.Filter(actor.jurisdictions(), null, null, CaseState.NOT_RECTIFIED, null, null, now, true), 0,
                    MAX_PAGE_SIZE).cases().forEach(c -> out.add(new Task("VERIFY", view(c, now))));
        }
        if (actor.has(Role.CHIEF)) {
            store.list(new CaseStore.Filter(actor.jurisdictions(), null, null, null, null, true, now), 0, MAX_PAGE_SIZE)
                    .cases().forEach(c -> out.add(new Task("SUPERVISE", view(c, now))));
        }
        return out;
    }

    private View view(StoredCase c, Instant now) {
        return new View(c.id(), new Subject(c.subjectId(), c.subjectKind(), c.subjectName(), c.jurisdiction()), c.violation(),
                c.title(), c.legalBasis(), c.reason(), c.orderedAt(), c.deadline(), c.state(), c.overdueAt(now), c.claimed(),
                c.originalFineYuan(), c.closedAt(), c.updatedAt(), store.replies(c.id()), store.steps(c.id()), c.origin());
    }
}
