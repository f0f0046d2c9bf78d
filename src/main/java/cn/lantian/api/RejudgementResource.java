package cn.lantian.api;

import cn.lantian.audit.CandidateFiles;
import cn.lantian.audit.RuleFiles;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.identity.Actors;
import cn.lantian.rejudge.Rejudgements;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The compare at scale (AUDITOR): every stored inspection of a jurisdiction decided again, under candidate
 * rule files beside the active rules, or under the active rules beside what was stored. Answered at once
 * with 202 and the run's address; the run's progress and findings are read there.
 */
@Path("/api/v1/rejudgements")
@Produces(MediaType.APPLICATION_JSON)
public class RejudgementResource {
    @Inject
    Rejudgements rejudgements;

    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    SecurityIdentity identity;

    /** A run asked for: where (every jurisdiction when none), the candidate's files laid over the active rules (none: the active rules against what was stored), and why. */
    public record Request(@Size(max = 100, message = "{cn.lantian.fact.Size.text}") String jurisdiction,
                          @Size(max = RuleFiles.MAX_FILES, message = "{cn.lantian.fact.Size.list}")
                          Map<@Size(max = RuleFiles.MAX_NAME_CHARS, message = "{cn.lantian.fact.Size.text}") String,
                                  @Size(max = RuleFiles.MAX_FILE_CHARS, message = "{cn.lantian.fact.Size.text}") String> files,
                          @Size(max = 500, message = "{cn.lantian.fact.Size.text}") String reason) {}

    @POST
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(description = "Where, the candidate's files (none: the active rules against what was stored), why",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema =
            @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Request.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202", description = "Started: the run, read at its Location",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", schema =
            @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Rejudgements.View.class)))
    public Response start(String body) {
        RequestReader reader = new RequestReader(validator);
        Request request = reader.parse(body, Request.class);
        var errors = reader.violations(request);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        Ruleset candidate = null;
        if (request.files() != null && !request.files().isEmpty()) {
            try {
                // laid over the rules serving now, as the console's compare on the active version
                candidate = rules.loader().load(CandidateFiles.overlay(new RuleFolder(rules.served().rules(), List.of()),
                        request.files()));
            } catch (RulesetException e) {
                return Problem.response(422, "The candidate rules do not load", null, List.of(),
                        Map.of("diagnostics", e.diagnostics()));
            }
        }
        String jurisdiction = request.jurisdiction() == null || request.jurisdiction().isBlank() ? null : request.jurisdiction();
        try {
            Rejudgements.View run = rejudgements.start(jurisdiction, candidate, Actors.of(identity).username(), request.reason());
            return Response.accepted(run).location(URI.create("/api/v1/rejudgements/" + run.id())).build();
        } catch (Rejudgements.Busy busy) {
            return Response.fromResponse(Problem.response(429, "Another rejudgement runs",
                    "one runs at a time: see /api/v1/rejudgements/" + busy.runId, List.of(), Map.of("running", busy.runId)))
                    .header("Retry-After", 5).build();
        }
    }

    @GET
    @RolesAllowed("AUDITOR")
    public List<Rejudgements.View> list() {
        return rejudgements.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("AUDITOR")
    public Response one(@PathParam("id") String id) {
        return rejudgements.find(id).map(v -> Response.ok(v).build())
                .orElseGet(() -> Problem.response(404, "No such rejudgement", "no run " + id + " is remembered", List.of()));
    }
}
