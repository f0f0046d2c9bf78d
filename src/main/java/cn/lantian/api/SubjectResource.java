package cn.lantian.api;

import cn.lantian.identity.Actors;
import cn.lantian.service.Inspections;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.store.EvaluationStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A site's or plant's evaluations, newest inspection first, a page at a time. */
@Path("/api/v1/subjects")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectResource {
    private static final int MAX_PAGE_SIZE = 100;

    @Inject
    EvaluationStore evaluations;

    @Inject
    ObjectMapper json;

    @Inject
    Inspections inspections;

    @Inject
    SecurityIdentity identity;

    public record Summary(String evaluationId, OffsetDateTime inspectedAt, OffsetDateTime recordedAt,
                          String rulesetVersion, boolean compliant, List<String> violations) {}

    public record Page(String subjectId, int page, int size, long total, List<Summary> evaluations) {}

    @GET
    @Path("/{id}/evaluations")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public Page evaluations(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") String page,
                            @QueryParam("size") @DefaultValue("20") String size) throws Exception {
        int p = number("page", page, 0, Integer.MAX_VALUE);
        int s = number("size", size, 1, MAX_PAGE_SIZE);
        List<Summary> items = new ArrayList<>();
        EvaluationStore.SubjectPage found = inspections.bySubject(Actors.of(identity), id, p, s);
        for (var e : found.evaluations()) {
            List<String> codes = new ArrayList<>();
            JsonNode decision = json.readTree(e.decision());
            decision.path("violations").forEach(v -> codes.add(v.path("code").asText()));
            items.add(new Summary(e.id(), e.inspectedAt(), e.recordedAt(), e.rulesetVersion(), e.compliant(), codes));
        }
        return new Page(id, p, s, found.total(), items);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the field
        }
        throw new InvalidRequestException("The request is invalid",
                List.of(new FieldError(name, "must be a whole number from " + min + " to " + max)));
    }
}
