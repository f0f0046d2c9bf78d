package cn.lantian.api;

import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.identity.Role;
import io.quarkus.security.identity.SecurityIdentity;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.store.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail: every change of state, who and when, newest first. ADMIN reads all of it; a CHIEF whose
 * account names jurisdictions reads the changes of those (evaluations, alerts) and the rules' activations.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    public record Page(int page, int size, List<AuditLog.Event> events) {}

    @GET
    @RolesAllowed({"ADMIN", "CHIEF"})
    public Page events(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("user") String user,
                       @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime f = time("from", from, errors);
        OffsetDateTime t = time("to", to, errors);
        int p = Queries.number("page", page, 0, 100_000, errors);
        int s = Queries.number("size", size, 1, 500, errors);
        if (user != null && user.length() > 64) {
            errors.add(new FieldError("user", "at most 64 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        // an ADMIN reads the whole trail; a chief who acts in some jurisdictions, theirs (and the rules' activations)
        Actor actor = Actors.of(identity);
        java.util.Set<String> scope = actor.has(Role.ADMIN) ? java.util.Set.of() : actor.jurisdictions();
        return new Page(p, s, audit.find(f, t, user, scope, p, s));
    }

    private static OffsetDateTime time(String name, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "an ISO-8601 time with an offset, e.g. 2026-12-14T00:00:00+08:00"));
            return null;
        }
    }
}
