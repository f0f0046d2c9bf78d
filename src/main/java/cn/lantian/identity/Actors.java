package cn.lantian.identity;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.EnumSet;
import java.util.Set;

/** The acting user of a request, from its security identity. */
public final class Actors {
    private Actors() {}

    @SuppressWarnings("unchecked")
    public static Actor of(SecurityIdentity identity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : identity.getRoles()) {
            for (Role known : Role.values()) {
                if (known.name().equals(r)) {
                    roles.add(known);
                }
            }
        }
        Object subjects = identity.getAttribute(SignIn.SUBJECTS);
        Object jurisdictions = identity.getAttribute(SignIn.JURISDICTIONS);
        return new Actor(identity.getPrincipal().getName(), roles,
                subjects instanceof Set<?> s ? (Set<String>) s : Set.of(),
                jurisdictions instanceof Set<?> j ? (Set<String>) j : Set.of());
    }
}
