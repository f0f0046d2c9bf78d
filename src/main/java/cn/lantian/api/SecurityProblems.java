package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.identity.Users;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Who may do what, answered as problem+json: no identity (or a failed sign-in) is 401 with the Basic
 * challenge, a wrong role or another subject's data is 403, a change that conflicts with the users is 409.
 */
public class SecurityProblems {
    private static final String CHALLENGE = "Basic realm=\"lantian\", charset=\"UTF-8\"";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("sign in: HTTP Basic for API clients, the login page (/login.html) for the pages");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return challenge(e.getMessage() == null ? "the sign-in failed" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Forbidden", e.getMessage() == null || e.getMessage().isBlank()
                ? "your roles do not allow this" : e.getMessage(), List.<FieldError>of());
    }

    @ServerExceptionMapper
    public Response conflict(Users.Conflict e) {
        return Problem.response(409, "Conflict", e.getMessage(), List.of());
    }

    private static Response challenge(String detail) {
        Response r = Problem.response(401, "Unauthorized", detail, List.of());
        return Response.fromResponse(r).header("WWW-Authenticate", CHALLENGE).build();
    }
}
