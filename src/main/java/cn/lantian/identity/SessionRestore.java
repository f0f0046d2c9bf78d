package cn.lantian.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Restores the user of a page's session cookie (the login form's encrypted cookie names the user): the
 * account is read again, so that a user disabled or changed since signing in is refused or seen as
 * changed at once.
 */
@ApplicationScoped
public class SessionRestore implements IdentityProvider<TrustedAuthenticationRequest> {
    @Inject
    UserStore users;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            UserStore.Stored stored = users.find(request.getPrincipal())
                    .orElseThrow(() -> new AuthenticationFailedException("the session's user no longer exists"));
            if (stored.account().disabled()) {
                throw new AuthenticationFailedException("the session's user is disabled");
            }
            return SignIn.identity(stored.account());
        });
    }
}
