package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.Messages;
import cn.lantian.engine.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP limits, answered as problem+json before any resource runs: a request line or headers longer
 * than a client needs (414, 431), a body over the limit by its Content-Length (413), a JSON endpoint
 * posted without a Content-Type (415), a chunked body that grows past the limit (413), and a body that
 * does not arrive in time (408, the connection closed).
 *
 * <p>A JSON body is read here, on the I/O thread, before any resource runs: Quarkus REST would read the
 * body of a blocking resource (a self-check, a validation) on a worker thread, so eight stalled uploads
 * would hold the four workers and stop the service. Read here, a slow upload holds a connection until
 * its deadline, never a worker.
 *
 * <p>Vert.x keeps harder limits of its own, above these ({@code quarkus.http.limits.*}): a request line or
 * headers beyond them, or a Content-Length that is no number, are refused by the HTTP decoder (a bare
 * 414, 431 or 400, no body) before any application code runs.
 */
@ApplicationScoped
public class HttpLimits {
    private static final String DEADLINE = "lantian.upload-deadline";
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @ConfigProperty(name = "lantian.http.max-request-line", defaultValue = "4096")
    int maxRequestLine;

    @ConfigProperty(name = "lantian.http.max-header-bytes", defaultValue = "16384")
    int maxHeaderBytes;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "2M")
    MemorySize maxBody;

    @ConfigProperty(name = "lantian.http.upload-timeout", defaultValue = "30S")
    Duration uploadTimeout;

    @Inject
    ObjectMapper json;

    private BodyHandler body;

    void install(@Observes Router router) {
        body = BodyHandler.create(false).setBodyLimit(maxBody.asLongValue()).setPreallocateBodyBuffer(false);
        // Before Quarkus's own body-size check (order -2), which answers a bare 413.
        router.route().order(-100).handler(this::check).failureHandler(this::failed);
        // Runs once the body is read: the upload's deadline no longer applies, however long the work takes.
        router.route().order(-99).handler(rc -> {
            Long deadline = rc.get(DEADLINE);
            if (deadline != null) {
                rc.vertx().cancelTimer(deadline);
            }
            rc.next();
        });
    }

    /**
     * The body reader's own refusal of a chunked body past the limit, as problem+json; a connection closed
     * while its body was read (the client gone, or a 408 above) is no failure of the service to log.
     */
    private void failed(RoutingContext rc) {
        if (rc.failure() instanceof HttpClosedException) {
            return;
        }
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            refuse(rc, 413, Text.of("lantian.http.bodyTooLarge", "max", maxBody.asLongValue()), "$");
        } else {
            rc.next();
        }
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        int line = request.method().name().length() + request.uri().length() + " HTTP/1.1".length() + 1;
        if (line > maxRequestLine) {
            refuse(rc, 414, Text.of("lantian.http.uriTooLong", "max", maxRequestLine), null);
            return;
        }
        if (headerBytes(request.headers()) > maxHeaderBytes) {
            refuse(rc, 431, Text.of("lantian.http.headersTooLarge", "max", maxHeaderBytes), null);
            return;
        }
        long declared = declaredLength(request);
        if (declared > maxBody.asLongValue()) {
            refuse(rc, 413, Text.of("lantian.http.bodyTooLarge", "max", maxBody.asLongValue()), "$");
            return;
        }
        boolean hasBody = declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean api = WITH_BODY.contains(request.method()) && request.path().startsWith("/api/");
        if (hasBody && api && type == null) {
            refuse(rc, 415, Text.of("lantian.http.mediaType"), "Content-Type");
            return;
        }
        if (hasBody && api && isJson(type)) {
            long deadline = rc.vertx().setTimer(uploadTimeout.toMillis(), id -> {
                if (!rc.response().headWritten()) {
                    refuse(rc, 408, Text.of("lantian.http.uploadTimeout", "seconds", uploadTimeout.toSeconds()), "$");
                }
            });
            rc.put(DEADLINE, deadline);
            rc.addEndHandler(done -> rc.vertx().cancelTimer(deadline));
            body.handle(rc); // reads the whole body without a worker, then passes it on (order -99)
        } else {
            rc.next();
        }
    }

    /** The Content-Length, or -1 when there is none (Vert.x has refused one that is no number). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isJson(String type) {
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> h : headers) {
            bytes += h.getKey().length() + h.getValue().length() + 4;
        }
        return bytes;
    }

    /** Answers problem+json in the reader's language and closes the connection: the rest of the request is not read. */
    private void refuse(RoutingContext rc, int status, Text reason, String field) {
        Locale locale = Messages.locale(rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        List<FieldError> errors = field == null ? List.of() : List.of(FieldError.of(field, reason));
        Problem problem = Problem.of(status, Problem.statusTitle(status), reason, errors, Map.of()).in(locale);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        HttpServerResponse response = rc.response();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> rc.request().connection().close());
    }
}
