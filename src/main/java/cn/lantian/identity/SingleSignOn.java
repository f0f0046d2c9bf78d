package cn.lantian.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A user signed in by the city's single sign-on (a bearer token verified by quarkus-oidc, when
 * {@code quarkus.oidc.tenant-enabled} is true) seen as any other user: the name from the token's
 * {@code lantian.oidc.username-claim}, the roles the token carries under
 * {@code quarkus.oidc.roles.role-claim-path} (only the contract's role names count), the subjects and
 * jurisdictions from the claims {@code lantian.oidc.subjects-claim} and
 * {@code lantian.oidc.jurisdictions-claim}. A local account of the same name that an admin has disabled
 * refuses the token, so that a bureau can shut a user out without waiting for the city's directory.
 */
@ApplicationScoped
public class SingleSignOn implements SecurityIdentityAugmentor {

    @Inject
    UserStore users;

    @ConfigProperty(name = "lantian.oidc.username-claim", defaultValue = "preferred_username")
    String usernameClaim;

    @ConfigProperty(name = "lantian.oidc.subjects-claim", defaultValue = "lantian_subjects")
    String subjectsClaim;

    @ConfigProperty(name = "lantian.oidc.jurisdictions-claim", defaultValue = "lantian_jurisdictions")
    String jurisdictionsClaim;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> fromToken(identity, token));
    }

    private SecurityIdentity fromToken(SecurityIdentity identity, JsonWebToken token) {
        Object claimed = token.getClaim(usernameClaim);
        String username = claimed == null ? null : text(claimed);
        if (username == null || username.isBlank()) {
            username = token.getSubject();
        }
        if (username == null || username.isBlank()) {
            throw new AuthenticationFailedException("the token names no user (" + usernameClaim + " or sub)");
        }
        String name = username;
        users.find(name).ifPresent(local -> {
            if (local.account().disabled()) {
                throw new AuthenticationFailedException("the account " + name + " is disabled");
            }
        });
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addCredentials(identity.getCredentials());
        for (String r : identity.getRoles()) {
            for (Role known : Role.values()) {
                if (known.name().equals(r)) {
                    b.addRole(known.name());
                }
            }
        }
        // staff act in the jurisdictions the token names; a token that does not say is refused rather than
        // read as "every jurisdiction" (an explicit empty list is every jurisdiction, as for a local account)
        boolean staff = identity.getRoles().contains(Role.CHIEF.name()) || identity.getRoles().contains(Role.INSPECTOR.name());
        if (staff && token.getClaim(jurisdictionsClaim) == null) {
            throw new AuthenticationFailedException("the token gives a CHIEF or INSPECTOR role but no " + jurisdictionsClaim
                    + " claim (an empty list stands for every jurisdiction)");
        }
        b.addAttribute(SignIn.SUBJECTS, strings(token.getClaim(subjectsClaim)));
        b.addAttribute(SignIn.JURISDICTIONS, strings(token.getClaim(jurisdictionsClaim)));
        return b.build();
    }

    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static Set<String> strings(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> out.add(text(v)));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(text(v)));
        } else if (claim != null) {
            out.add(text(claim));
        }
        return Set.copyOf(out);
    }
}
