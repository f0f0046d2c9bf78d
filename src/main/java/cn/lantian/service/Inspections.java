package cn.lantian.service;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.ItemCatalogue;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.Text;
import cn.lantian.evidence.EvidenceFiles;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.ItemNote;
import cn.lantian.identity.Access;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.store.EvaluationStore;
import cn.lantian.store.Ledger;
import cn.lantian.store.StoredEvaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Inspections as the bureau's acts: an INSPECTOR records one in a jurisdiction the account acts in (the
 * recorder is kept with it and in the audit trail); staff, auditors and a subject's own account may
 * preview a record without keeping it; what is kept is read by staff of its jurisdiction and by the
 * subject's own account only.
 */
@ApplicationScoped
public class Inspections {
    @Inject
    Ledger ledger;

    @Inject
    EvaluationStore evaluations;

    @Inject
    ActiveRuleset rules;

    @Inject
    EvidenceFiles evidence;

    /** Decides and keeps the record; answered once it is durable. */
    public CompletionStage<String> record(Actor actor, String body) {
        return record(actor, body, (inspection, decision) -> {});
    }

    /**
     * {@link #record(Actor, String)}, keeping with it what {@code kept} keeps, in the same transaction (an alarm's
     * verification): when it throws, nothing of the record is kept.
     */
    public CompletionStage<String> record(Actor actor, String body,
                                          java.util.function.BiConsumer<Inspection, cn.lantian.engine.Decision> kept) {
        return ledger.decideAndRecordDurably(body, new Ledger.Recording(actor.username(), inspection -> {
            String jurisdiction = inspection.subject().jurisdiction();
            if (jurisdiction == null) {
                throw new InvalidRequestException(Text.of("lantian.title.inspection"),
                        List.of(FieldError.of("subject.jurisdiction", "lantian.record.jurisdictionRequired")));
            }
            Access.mayRecord(actor, jurisdiction);
            java.util.Set<String> stored = evaluations.jurisdictionsOf(inspection.subject().id());
            Access.mayUseHistory(actor, inspection.subject().id(), jurisdiction, stored);
            for (String s : stored) {
                if (!s.equals(jurisdiction)) {
                    throw new InvalidRequestException(Text.of("lantian.title.inspection"),
                            List.of(FieldError.of("subject.jurisdiction", "lantian.record.otherJurisdiction",
                                    "subject", inspection.subject().id(), "jurisdiction", s)));
                }
            }
            checkNotes(actor, inspection);
        }, kept));
    }

    /**
     * The inspector's notes name items the rules judge, each once, and attach only files this inspector
     * uploaded about this subject.
     */
    private void checkNotes(Actor actor, Inspection inspection) {
        List<ItemNote> notes = inspection.notes() == null ? List.of() : inspection.notes();
        Ruleset ruleset = rules.get();
        Set<String> seen = new java.util.HashSet<>();
        List<FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            String item = notes.get(i).item();
            if (ItemCatalogue.rulesOf(ruleset, item).isEmpty()) {
                errors.add(FieldError.of("notes[" + i + "].item", "lantian.record.noteItem", "item", item));
            } else if (!seen.add(item)) {
                errors.add(FieldError.of("notes[" + i + "].item", "lantian.record.noteTwice", "item", item));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.inspection"), errors);
        }
        for (int i = 0; i < notes.size(); i++) {
            evidence.requireAttachable(actor, inspection.subject().id(), inspection.subject().jurisdiction(),
                    notes.get(i).evidence(), "notes[" + i + "].evidence");
        }
    }

    /** Decides the record on its own: nothing derived from the store, nothing kept. */
    public String preview(Actor actor, String body) {
        return ledger.decide(body, inspection ->
                Access.mayPreview(actor, inspection.subject().id(), inspection.subject().jurisdiction()));
    }

    /** A kept evaluation, for whoever may read its subject's records. */
    public StoredEvaluation read(Actor actor, String id) {
        StoredEvaluation e = ledger.find(id).orElseThrow(() -> new NotFoundException("no evaluation " + id));
        Access.mayRead(actor, e.subjectId(), e.jurisdiction());
        return e;
    }

    /** A kept evaluation decided again under the rules serving now. */
    public Optional<Ledger.Replay> replay(Actor actor, String id) {
        read(actor, id);
        return ledger.replay(id);
    }

    /**
     * A subject's evaluations, newest inspection first: all of them for its own account, those in the
     * jurisdictions a CHIEF or INSPECTOR acts in for staff.
     */
    public EvaluationStore.SubjectPage bySubject(Actor actor, String subjectId, int page, int size) {
        boolean own = actor.has(Role.ENTERPRISE) && actor.owns(subjectId);
        if (!own && !actor.hasAny(Role.INSPECTOR, Role.CHIEF)) {
            Access.mayRead(actor, subjectId, null);
        }
        return evaluations.bySubject(subjectId, own ? Set.of() : actor.jurisdictions(), page, size);
    }
}
