package cn.lantian.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Swagger UI's page (served by Quarkus at {@code /q/swagger-ui}) starts itself with inline scripts, which
 * the service's Content-Security-Policy refuses everywhere else. Its own path alone gets the policy of
 * {@code lantian.http.swagger-ui-csp}, set as the headers are written, so that it wins over the
 * service-wide header. The page holds no user's data: it reads the public {@code /q/openapi}, and a call
 * tried from it signs in like any API client.
 */
@ApplicationScoped
public class SwaggerUiPolicy {
    @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "swagger-ui")
    String path;

    @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
    String nonApplicationRoot;

    @ConfigProperty(name = "lantian.http.swagger-ui-csp")
    String policy;

    void install(@Observes Router router) {
        String base = path.startsWith("/") ? path : "/" + strip(nonApplicationRoot) + "/" + strip(path);
        router.route(base).order(-40).handler(this::relax);
        router.route(base + "/*").order(-40).handler(this::relax);
    }

    void relax(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> rc.response().headers().set("Content-Security-Policy", policy));
        rc.next();
    }

    private static String strip(String s) {
        String t = s.startsWith("/") ? s.substring(1) : s;
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
