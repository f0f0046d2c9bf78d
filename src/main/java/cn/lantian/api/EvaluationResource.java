package cn.lantian.api;

import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.service.Inspections;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.Text;
import cn.lantian.store.Ledger;
import cn.lantian.store.StoredEvaluation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Decides an inspection record (violations, orders and penalties, each traced to its rule) and keeps
 * it: read back by id exactly as answered, and replayed under the current rules.
 */
@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {
    @Inject
    Inspections inspections;

    @Inject
    SecurityIdentity identity;

    /**
     * Decides and keeps the record. With {@code record=false} the record stands on its own: nothing is
     * derived from the store (history, the registry's alert) and nothing is kept — how fixtures and
     * previews are decided.
     *
     * <p>Deciding alone is a few dozen microseconds of CPU that touches neither the database nor a file,
     * so it runs on the I/O thread that read the request; at worst that thread waits for a processor's
     * turn at the rules (see RuleRun), a run or two of others. Recording waits on the database and goes to
     * a worker thread. (Handing every request to a worker cost a third of the service's CPU per decision:
     * docs/performance.md.)
     */
    @POST
    @RolesAllowed({"INSPECTOR", "CHIEF", "AUDITOR", "ENTERPRISE"})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "The inspection record (contract section 1)",
            content = @Content(schema = @Schema(implementation = cn.lantian.fact.Inspection.class)))
    @APIResponse(responseCode = "200", description = "The decision: violations, orders and penalties, each traced to its rule",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.engine.Decision.class)))
    public Uni<String> evaluate(@QueryParam("record") @DefaultValue("true") String record, String body) {
        if (!record.equals("true") && !record.equals("false")) {
            // JAX-RS would read any word but "true" as false, and "record=yes" would keep nothing.
            throw new InvalidRequestException(Text.of("lantian.title.request"),
                    List.of(FieldError.of("record", "lantian.http.query")));
        }
        Actor actor = Actors.of(identity);
        if (record.equals("false")) {
            return Uni.createFrom().item(() -> inspections.preview(actor, body));
        }
        // Decided and committed on a worker thread, answered once the record is durable; the worker does not
        // wait for the disk.
        return Uni.createFrom().completionStage(() -> inspections.record(actor, body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    @APIResponse(responseCode = "200", description = "The decision, byte for byte as it was answered",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.engine.Decision.class)))
    public String get(@PathParam("id") String id) {
        return inspections.read(Actors.of(identity), id).decision();
    }

    /** The whole record: the request as received, the inspection as decided, the decision, when and by which rules. */
    @GET
    @Path("/{id}/record")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public StoredEvaluation record(@PathParam("id") String id) {
        return inspections.read(Actors.of(identity), id);
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed({"INSPECTOR", "CHIEF"})
    @APIResponse(responseCode = "200", description = "The stored inspection decided again under the current rules, and whether anything differs",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Ledger.Replay.class)))
    @APIResponse(responseCode = "409", description = "The stored inspection cannot be decided under the current rules",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") String id) {
        try {
            return Response.ok(inspections.replay(Actors.of(identity), id).orElseThrow(() -> notFound(id))).build();
        } catch (InvalidRequestException e) {
            return Problem.response(409, "The stored inspection cannot be decided under the current rules",
                    e.getMessage(), e.errors(), Map.of());
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no evaluation " + id);
    }
}
