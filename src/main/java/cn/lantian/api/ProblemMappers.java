package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.store.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json; nothing internal (a stack trace, a class name) leaks out. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInspection(InvalidRequestException e) {
        return Problem.response(400, e.getMessage(), null, e.errors());
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.error("store unavailable", e);
        return Problem.response(503, "Service Unavailable", e.getMessage() + "; nothing was recorded, try again later",
                List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return Problem.response(status, title, status >= 500 ? null : e.getMessage(), List.<FieldError>of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problem.response(500, "Internal Server Error", "the failure is logged on the server", List.of());
    }
}
