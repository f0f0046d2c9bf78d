package cn.lantian.service;

import cn.lantian.identity.Access;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Inspection;
import cn.lantian.identity.Actor;
import cn.lantian.selfcheck.SelfCheckReport;
import cn.lantian.selfcheck.SelfChecker;
import cn.lantian.store.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.time.Clock;

/**
 * A site's or plant's readiness check (contract section 2): the record under every alert level, "now" by
 * the service's clock when it gives no time. The history the store keeps is used only for a user who may
 * read that subject's records (its own account, or staff in its jurisdiction); anyone else is answered on
 * what the record says alone. Nothing is recorded.
 */
@ApplicationScoped
public class SelfChecks {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    Ledger ledger;

    @Inject
    cn.lantian.store.EvaluationStore evaluations;

    @Inject
    Clock clock;

    public SelfCheckReport check(Actor actor, String body) {
        Ruleset ruleset = rules.get();
        Inspection record = new InspectionReader(new RequestReader(validator)).read(body, ruleset,
                ruleset.calendar().now(clock));
        String subject = record.subject().id();
        String jurisdiction = record.subject().jurisdiction();
        Access.mayPreview(actor, subject, jurisdiction);
        boolean mayUse = Access.canRead(actor, subject, jurisdiction);
        if (mayUse && record.history() == null) {
            // the stored history only for who may act where the subject's records are kept
            Access.mayUseHistory(actor, subject, jurisdiction, evaluations.jurisdictionsOf(subject));
        }
        Inspection withHistory = mayUse ? ledger.withStoredHistory(record, record.inspectedAt()) : record;
        return SelfChecker.check(ruleset, withHistory);
    }
}
