package cn.lantian.api;

import cn.lantian.engine.Messages;
import cn.lantian.engine.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read the metrics (contract section 7): on the main interface an ADMIN only, signed in as for
 * any endpoint (HTTP Basic, the pages' session, a bearer token); anonymous is 401 with the Basic
 * challenge, any other role 403, both problem+json in the reader's language. A service built with a
 * management interface ({@code -Dquarkus.management.enabled=true}, fixed at build time) serves the metrics
 * there instead, publicly, and the main interface has none; the guard stays on the main interface all the
 * same, so that no setting read at run time can leave metrics open there.
 */
@ApplicationScoped
public class MetricsAccess {
    static final String ROLE = "ADMIN";
    private static final String CHALLENGE = "Basic realm=\"lantian\", charset=\"UTF-8\"";

    @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
    String nonApplicationRoot;

    @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "metrics")
    String metricsPath;

    @Inject
    IdentityProviderManager identities;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        String path = metricsPath.startsWith("/") ? metricsPath
                : "/" + trimSlashes(nonApplicationRoot) + "/" + trimSlashes(metricsPath);
        // After the request is read for its credentials (the deferred identity is set), before the
        // registry's own route; the path and everything below it.
        router.route(path).order(-50).handler(this::check);
        router.route(path + "/*").order(-50).handler(this::check);
    }

    void check(RoutingContext rc) {
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, identities);
        if (identity == null) {
            unauthorized(rc, null);
            return;
        }
        identity.subscribe().with(id -> {
            if (id == null || id.isAnonymous()) {
                unauthorized(rc, null);
            } else if (id.hasRole(ROLE)) {
                rc.next();
            } else {
                refuse(rc, 403, Text.of("lantian.metrics.adminOnly"));
            }
        }, failure -> unauthorized(rc, failure.getMessage()));
    }

    private void unauthorized(RoutingContext rc, String failure) {
        rc.response().putHeader("WWW-Authenticate", CHALLENGE);
        refuse(rc, 401, failure == null ? Text.of("lantian.metrics.signIn") : Text.of("lantian.metrics.signInFailed"));
    }

    private void refuse(RoutingContext rc, int status, Text detail) {
        if (rc.response().ended()) {
            return;
        }
        Locale locale = Messages.locale(rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        Problem problem = Problem.of(status, Problem.statusTitle(status), detail, List.of(), Map.of()).in(locale);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .end(body);
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
