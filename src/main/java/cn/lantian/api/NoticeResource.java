package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.identity.Role;
import cn.lantian.notice.Notices;
import cn.lantian.identity.Access;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The notices sent to the city's webhook (cn.lantian.notice), newest first with their delivery log: an
 * ADMIN reads them all and puts a FAILED one back to PENDING; a CHIEF reads those of its jurisdictions.
 */
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {
    private static final Pattern EVENT = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");

    @Inject
    Notices notices;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({"ADMIN", "CHIEF"})
    public Notices.Page list(@QueryParam("state") String state, @QueryParam("event") String event,
                             @QueryParam("jurisdiction") String jurisdiction, @QueryParam("subject") String subject,
                             @QueryParam("page") @DefaultValue("0") String page,
                             @QueryParam("size") @DefaultValue("50") String size) {
        List<FieldError> errors = new ArrayList<>();
        Notices.State s = null;
        if (state != null && !state.isEmpty()) {
            try {
                s = Notices.State.valueOf(state);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "one of PENDING, DELIVERED, FAILED"));
            }
        }
        String e = event == null || event.isEmpty() ? null : event;
        if (e != null && !EVENT.matcher(e).matches()) {
            errors.add(new FieldError("event", "an event name: upper-case letters, digits and '_', e.g. ALERT_DECLARED"));
        }
        String j = jurisdiction == null || jurisdiction.isEmpty() ? null : jurisdiction;
        if (j != null && j.length() > 100) {
            errors.add(new FieldError("jurisdiction", "at most 100 characters"));
        }
        String subj = subject == null || subject.isEmpty() ? null : subject;
        if (subj != null && subj.length() > 200) {
            errors.add(new FieldError("subject", "at most 200 characters"));
        }
        int p = Queries.number("page", page, 0, 100_000, errors);
        int n = Queries.number("size", size, 1, 200, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        // an ADMIN reads every notice; a chief, those of the jurisdictions it acts in (all when its account names none)
        Actor actor = Actors.of(identity);
        Set<String> scope = Set.of();
        if (!actor.has(Role.ADMIN)) {
            if (j != null) {
                Access.mayActIn(actor, j, Role.CHIEF);
            }
            scope = actor.jurisdictions();
        }
        return notices.find(new Notices.Filter(s, e, j, subj, scope), p, n);
    }

    /** Puts a FAILED notice back to PENDING, due now, for a new round of attempts (audited). */
    @POST
    @Path("/{id}/retry")
    @RolesAllowed("ADMIN")
    public Notices.Notice retry(@PathParam("id") String id) {
        return notices.retry(Actors.of(identity).username(), id);
    }
}
