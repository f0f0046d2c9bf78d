package cn.lantian.identity;

import java.util.Set;

/**
 * The user a request acts for, as the application services see it: who, with which roles, bound to
 * which subjects (an ENTERPRISE account's sites and plants, a MONITOR account's devices) and acting in
 * which jurisdictions (empty: all of them).
 */
public record Actor(String username, Set<Role> roles, Set<String> subjects, Set<String> jurisdictions) {

    public Actor {
        roles = Set.copyOf(roles);
        subjects = Set.copyOf(subjects);
        jurisdictions = Set.copyOf(jurisdictions);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        for (Role r : any) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the user acts in that jurisdiction: every one when the account names none. */
    public boolean actsIn(String jurisdiction) {
        return jurisdictions.isEmpty() || (jurisdiction != null && jurisdictions.contains(jurisdiction));
    }

    /** Whether the account is bound to that subject (or device) id. */
    public boolean owns(String subjectId) {
        return subjectId != null && subjects.contains(subjectId);
    }
}
