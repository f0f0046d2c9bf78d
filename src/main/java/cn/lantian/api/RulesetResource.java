package cn.lantian.api;

import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.store.AuditLog;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import cn.lantian.audit.CandidateFiles;
import cn.lantian.audit.Comparison;
import cn.lantian.audit.ReloadReport;
import cn.lantian.audit.RuleFiles;
import cn.lantian.audit.ValidationReport;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.Text;
import cn.lantian.fixture.Fixtures;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The auditor's loop: see the active rules, validate candidate files, compare their decisions with the
 * active rules' on every fixture, and reload the rules folder, activated only when every fixture holds.
 *
 * <p>Each compiles rules, seconds of CPU: one of each kind runs at a time, and another of the same kind
 * is told 429 with {@code Retry-After} (the last run's duration) rather than queued behind it. What an
 * auditor may send is bounded ({@link RuleFiles}, and the HTTP body limit).
 */
@Singleton
@Path("/api/v1/ruleset")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    java.time.Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    /** One compile of a kind at a time, and how long the last one took. */
    private static final class Compiles {
        final Semaphore one = new Semaphore(1);
        volatile long lastMillis = 1_000;
    }

    private final Map<String, Compiles> compiles = Map.of("validate", new Compiles(), "compare", new Compiles(),
            "reload", new Compiles());

    public record RulesetView(String version, Instant loadedAt, String rulesDir, List<String> files,
                              List<String> standards, List<RuleInfo> rules) {}

    @GET
    @Authenticated
    public RulesetView get() {
        Ruleset r = rules.get();
        return new RulesetView(r.version(), r.loadedAt(), rules.rulesDir().toString(), r.files(),
                r.referenceToday(clock).standards(), r.rules());
    }

    @POST
    @Path("/validate")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Files laid over the rules folder (null removes one)",
            content = @Content(schema = @Schema(implementation = cn.lantian.audit.RuleFiles.class)))
    @APIResponse(responseCode = "200", description = "The compiler's and the tables' diagnostics; nothing is activated",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.audit.ValidationReport.class)))
    @APIResponse(responseCode = "429", description = "Another validation runs; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response validate(String body) {
        RuleFolder files = candidate(body);
        return oneAtATime("validate", () -> Response.ok(ValidationReport.of(rules.loader(), files)).build());
    }

    @POST
    @Path("/compare")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Files laid over the rules folder (null removes one)",
            content = @Content(schema = @Schema(implementation = cn.lantian.audit.RuleFiles.class)))
    @APIResponse(responseCode = "200", description = "Every fixture decided under the active and the candidate rules, and each decision that differs",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.audit.Comparison.class)))
    @APIResponse(responseCode = "422", description = "The candidate rules do not load: the diagnostics",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Another comparison runs; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response compare(String body) {
        RuleFolder files = candidate(body);
        return oneAtATime("compare", () -> {
            try {
                Ruleset candidate = rules.loader().load(files);
                return Response.ok(Comparison.of(rules.get(), candidate, Fixtures.load(rules.fixturesDir()),
                        new RequestReader(validator))).build();
            } catch (RulesetException e) {
                return Problem.response(422, "The candidate rules do not load", null, List.of(),
                        Map.of("diagnostics", e.diagnostics()));
            }
        });
    }

    /** Why the rules folder is activated: kept with the activation, for the audit trail. */
    public record Activation(@NotBlank @Size(max = 500) String reason) {}

    @POST
    @Path("/reload")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Why the rules folder is activated",
            content = @Content(schema = @Schema(implementation = Activation.class)))
    @APIResponse(responseCode = "200", description = "Activated: the report, with the rules added, removed and changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.audit.ReloadReport.class)))
    @APIResponse(responseCode = "409", description = "Another activation came first; nothing was activated",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not activated (does not compile, a fixture fails or a rule is unfired): the report; the old rules keep serving",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Another reload runs; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response reload(String body) {
        RequestReader reader = new RequestReader(validator);
        Activation activation = reader.parse(body, Activation.class);
        var errors = reader.violations(activation);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        return oneAtATime("reload", () -> reloadNow(Actors.of(identity), activation.reason()));
    }

    /**
     * Tests the folder against the rules serving now and activates it if they still serve by then; if
     * another activation came first (a rollback, say), 409 says so: this one's tests were against rules
     * no longer serving, and it activated nothing.
     */
    private Response reloadNow(Actor actor, String reason) {
        Ruleset active = rules.get();
        ReloadReport report = ReloadReport.attempt(rules.loader(), active, rules.rulesDir(), Fixtures.load(rules.fixturesDir()),
                new RequestReader(validator));
        if (report.activated() && !rules.activate(active, report.candidate())) {
            ReloadReport overtaken = report.overtaken();
            return Problem.response(409, Text.of("lantian.title.overtaken"), Text.of("lantian.ruleset.overtaken",
                    "winner", rules.get().version(), "tested", active.version()), List.of(),
                    Map.of("report", overtaken, "activeVersion", rules.get().version()));
        }
        if (report.activated()) {
            audit.record(actor.username(), "RULESET_ACTIVATED", report.version(), Map.of("previous", active.version(),
                    "reason", reason, "changes", report.changes()));
            return Response.ok(report).build();
        }
        return Problem.response(422, "The rules were not activated", "the active rules " + active.version()
                + " keep serving", List.of(), Map.of("report", report));
    }

    /** Runs one compile of a kind, or answers 429 with Retry-After while another of that kind runs. */
    private Response oneAtATime(String kind, Supplier<Response> work) {
        Compiles gate = compiles.get(kind);
        if (!gate.one.tryAcquire()) {
            long seconds = Math.max(1, (gate.lastMillis + 999) / 1000);
            return Response.fromResponse(Problem.response(429, Text.of("lantian.title.busy"), Text.of("lantian.ruleset.busy",
                    "kind", Text.of("lantian.ruleset.kind." + kind), "seconds", seconds), List.of(), Map.of()))
                    .header("Retry-After", seconds).build();
        }
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            gate.lastMillis = (System.nanoTime() - start) / 1_000_000;
            gate.one.release();
        }
    }

    /** The rules folder with the request's files laid over it. */
    private RuleFolder candidate(String body) {
        RequestReader reader = new RequestReader(validator);
        RuleFiles request = reader.parse(body, RuleFiles.class);
        var errors = reader.violations(request);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        try {
            return CandidateFiles.overlay(RuleFolder.read(rules.rulesDir()), request.files());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the rules folder " + rules.rulesDir(), e);
        }
    }
}
