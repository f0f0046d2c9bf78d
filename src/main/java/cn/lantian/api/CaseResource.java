package cn.lantian.api;

import cn.lantian.cases.Cases;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.Text;
import cn.lantian.fact.CaseState;
import cn.lantian.identity.Actors;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Rectification cases (contract section 8): lists by jurisdiction, subject, state and overdue, a page at a
 * time; one case with its replies and evaluations; a reply; and the tasks that wait on the user.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject
    Cases cases;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/cases")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public Cases.Page list(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("subject") String subject,
                           @QueryParam("state") String state, @QueryParam("open") String open,
                           @QueryParam("overdue") String overdue, @QueryParam("page") @DefaultValue("0") String page,
                           @QueryParam("size") @DefaultValue("20") String size) {
        List<FieldError> errors = new ArrayList<>();
        int p = Queries.number("page", page, 0, 100_000, errors);
        int s = Queries.number("size", size, 1, Cases.MAX_PAGE_SIZE, errors);
        CaseState st = null;
        if (state != null && !state.isBlank()) {
            try {
                st = CaseState.valueOf(state);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("state", "lantian.case.state", "value", state));
            }
        }
        Boolean isOpen = flag("open", open, errors);
        Boolean isOverdue = flag("overdue", overdue, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.query"), errors);
        }
        return cases.list(Actors.of(identity), new Cases.Query(blankToNull(jurisdiction), blankToNull(subject), st, isOpen,
                isOverdue), p, s);
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public Cases.View read(@PathParam("id") String id) {
        return cases.read(Actors.of(identity), id);
    }

    @POST
    @Path("/cases/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"INSPECTOR", "ENTERPRISE"})
    @RequestBody(description = "The reply: a note, the items said to be put right, the evidence files' ids",
            content = @Content(schema = @Schema(implementation = cn.lantian.cases.CaseReply.class)))
    public Cases.View reply(@PathParam("id") String id, String body) {
        return cases.reply(Actors.of(identity), id, body);
    }

    @GET
    @Path("/tasks")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public List<Cases.Task> tasks() {
        return cases.tasks(Actors.of(identity));
    }

    private static Boolean flag(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        errors.add(FieldError.of(name, "lantian.query.flag", "value", value));
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
