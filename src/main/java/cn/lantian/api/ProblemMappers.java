package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.Messages;
import cn.lantian.engine.Text;
import cn.lantian.store.StoreUnavailableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json; nothing internal (a stack trace, a class name) leaks out. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInspection(InvalidRequestException e) {
        if (e.title() != null) {
            return Problem.response(400, e.title(), null, e.errors(), Map.of());
        }
        return Problem.response(400, e.getMessage(), null, e.errors());
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.error("store unavailable", e);
        return Problem.response(503, "Service Unavailable", e.getMessage() + "; nothing was recorded, try again later",
                List.of());
    }

    /** An alarm is verified once: the second verification is refused, and nothing of it is kept. */
    @ServerExceptionMapper
    public Response alarmVerified(cn.lantian.monitoring.AlarmVerifications.AlreadyVerified e) {
        Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        extensions.put("state", e.state());
        if (e.evaluationId() != null) {
            extensions.put("evaluationId", e.evaluationId());
        }
        return Problem.response(409, Text.of("lantian.title.alarmVerified"), Text.of("lantian.alarm.verified", "state", e.state()),
                List.of(FieldError.of("outcome", "lantian.alarm.verified", "state", e.state())), extensions);
    }

    /** Another change to the same case came first: nothing was kept, and saying so lets the client send again. */
    @ServerExceptionMapper
    public Response storeConflict(cn.lantian.store.StoreConflictException e) {
        return Problem.response(409, Problem.statusTitle(409).english(), e.getMessage(), List.of());
    }

    /** A body that is not JSON: say what to send, in plain words rather than the framework's. */
    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        Text send = Text.of("lantian.http.mediaType");
        return Problem.response(415, Problem.statusTitle(415), send, List.of(FieldError.of("Content-Type", send)), Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = status >= 500 ? null : e.getMessage();
        Text title = Problem.statusTitle(status);
        if (Messages.has(title.template())) {
            return Response.status(status).type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", title.english(), status, detail, List.of(), Map.of(), title, null))
                    .build();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.response(status, known == null ? "Error" : known.getReasonPhrase(), detail, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problem.response(500, Problem.statusTitle(500), Text.of("lantian.problem.logged"), List.of(), Map.of());
    }
}
