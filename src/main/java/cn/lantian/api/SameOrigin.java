package cn.lantian.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-site requests carry the pages' session cookie but cannot make a change: a request that changes
 * state (POST, PUT, PATCH, DELETE) and signs in with the session cookie must come from a page of this
 * site (its Origin, or else its Referer, names this host), or it is refused with 403 before anything
 * runs. Beside it, the cookie is SameSite=Strict and every JSON endpoint refuses any other content type
 * (a cross-site form cannot send application/json). API clients sign in with a header, not a cookie,
 * and are not affected.
 */
public class SameOrigin {
    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String cookieName;

    void install(@Observes Router router) {
        // Before anything signs the request in, the login form's own handler included (it reads no body).
        router.route().order(-1000).handler(this::check);
    }

    void check(RoutingContext rc) {
        if (rc.request().path().equals("/j_security_check")) {
            // signing in sets the cookie: a cross-site form must not sign a victim in as someone else
            String origin = rc.request().getHeader("Origin");
            if (origin == null || sameHost(rc, origin)) {
                rc.next();
            } else {
                refuse(rc, "signing in must come from a page of this site");
            }
            return;
        }
        if (!CHANGES.contains(rc.request().method()) || rc.request().getCookie(cookieName) == null) {
            rc.next();
            return;
        }
        String origin = rc.request().getHeader("Origin");
        String source = origin != null ? origin : rc.request().getHeader("Referer");
        if (source != null && sameHost(rc, source)) {
            rc.next();
            return;
        }
        refuse(rc, "a change signed in with the session cookie must come from a page of this site");
    }

    private static boolean sameHost(RoutingContext rc, String url) {
        String host = rc.request().getHeader("Host");
        return host != null && host.equalsIgnoreCase(authority(url));
    }

    private static void refuse(RoutingContext rc, String detail) {
        rc.response().setStatusCode(403).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"" + detail + "\"}");
    }

    private static String authority(String url) {
        try {
            return URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
