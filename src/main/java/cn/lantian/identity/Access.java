package cn.lantian.identity;

import io.quarkus.security.ForbiddenException;

/**
 * Who may act on which subject (contract section 7), beyond the roles an endpoint names: a CHIEF or an
 * INSPECTOR acts in the jurisdictions of the account (all when it names none), an ENTERPRISE account
 * only on the subjects it is bound to. Each check passes or throws 403 saying why.
 */
public final class Access {
    private Access() {}

    /** Deciding a record without keeping it: staff in the subject's jurisdiction, an auditor, or the subject's own account. */
    public static void mayPreview(Actor actor, String subjectId, String jurisdiction) {
        if (actor.has(Role.AUDITOR) || staffIn(actor, jurisdiction, Role.INSPECTOR, Role.CHIEF) || actor.owns(subjectId)
                && actor.has(Role.ENTERPRISE)) {
            return;
        }
        throw refused(actor, subjectId, jurisdiction);
    }

    /** Recording an inspection: an INSPECTOR acting in the subject's jurisdiction. */
    public static void mayRecord(Actor actor, String jurisdiction) {
        if (!actor.has(Role.INSPECTOR)) {
            throw new ForbiddenException("only an INSPECTOR records inspections; a preview (?record=false) decides without keeping");
        }
        if (!actor.actsIn(jurisdiction)) {
            throw new ForbiddenException(actor.username() + " does not act in the jurisdiction " + jurisdiction);
        }
    }

    /**
     * A subject's kept records (its history) are in these jurisdictions: who records or previews it under
     * another jurisdiction must act in each of them, so that nobody reads or extends another city's
     * history by naming their own jurisdiction for its subject.
     */
    public static void mayUseHistory(Actor actor, String subjectId, String jurisdiction, java.util.Set<String> stored) {
        if (actor.has(Role.ENTERPRISE) && actor.owns(subjectId)) {
            return;
        }
        for (String s : stored) {
            if (!s.equals(jurisdiction) && !staffIn(actor, s, Role.INSPECTOR, Role.CHIEF)) {
                throw new ForbiddenException("the subject " + subjectId + " is kept in the jurisdiction " + s
                        + ", where " + actor.username() + " does not act");
            }
        }
    }

    /** Reading what is kept of a subject: staff in its jurisdiction, or its own account. */
    public static void mayRead(Actor actor, String subjectId, String jurisdiction) {
        if (canRead(actor, subjectId, jurisdiction)) {
            return;
        }
        throw refused(actor, subjectId, jurisdiction);
    }

    public static boolean canRead(Actor actor, String subjectId, String jurisdiction) {
        return staffIn(actor, jurisdiction, Role.INSPECTOR, Role.CHIEF) || actor.has(Role.ENTERPRISE) && actor.owns(subjectId);
    }

    /** Acting for the bureau in a jurisdiction with one of these roles. */
    public static void mayActIn(Actor actor, String jurisdiction, Role... roles) {
        if (!staffIn(actor, jurisdiction, roles)) {
            throw new ForbiddenException(actor.username() + " does not act in the jurisdiction " + jurisdiction);
        }
    }

    private static boolean staffIn(Actor actor, String jurisdiction, Role... roles) {
        return actor.hasAny(roles) && actor.actsIn(jurisdiction);
    }

    private static ForbiddenException refused(Actor actor, String subjectId, String jurisdiction) {
        return new ForbiddenException(actor.has(Role.ENTERPRISE) && !actor.owns(subjectId)
                ? "the account " + actor.username() + " is not bound to the subject " + subjectId
                : actor.username() + " does not act in the jurisdiction " + (jurisdiction == null ? "(none named)" : jurisdiction));
    }
}
