package cn.lantian.api;

import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.store.AuditLog;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.lantian.audit.CandidateFiles;
import cn.lantian.audit.Comparison;
import cn.lantian.audit.ReloadReport;
import cn.lantian.audit.RuleFiles;
import cn.lantian.service.RuleVersions;
import cn.lantian.audit.FixtureFiles;
import cn.lantian.engine.FieldError;
import cn.lantian.store.RulesetVersionStore.StoredVersion;
import jakarta.ws.rs.PathParam;
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

    @Inject
    RuleVersions versions;

    private final Map<String, Compiles> compiles = Map.of("validate", new Compiles(), "compare", new Compiles(),
            "reload", new Compiles(), "activate", new Compiles());

    /** The active ruleset; {@code storedVersion} is the number of the rule version it is (none while the store was out of reach). */
    public record RulesetView(String version, Instant loadedAt, String rulesDir, List<String> files,
                              List<String> standards, List<RuleInfo> rules, Long storedVersion) {}

    @GET
    @Authenticated
    public RulesetView get() {
        ActiveRuleset.Served served = rules.served();
        Ruleset r = served.ruleset();
        return new RulesetView(r.version(), r.loadedAt(), rules.rulesDir().toString(), r.files(),
                r.referenceToday(clock).standards(), r.rules(), served.version());
    }

    /**
     * Candidate files: rules files ({@code files}) and, for compare, fixture files ({@code fixtures}), laid over
     * {@code base}: {@code folder} (the rules and fixtures folders on disk, the default) or {@code active} (the
     * active version's files, what the console edits).
     */
    public record Candidate(@NotNull @Size(max = RuleFiles.MAX_FILES, message = "{cn.lantian.fact.Size.list}")
                            Map<@Size(max = RuleFiles.MAX_NAME_CHARS, message = "{cn.lantian.fact.Size.text}") String,
                                    @Size(max = RuleFiles.MAX_FILE_CHARS, message = "{cn.lantian.fact.Size.text}") String> files,
                            @Size(max = RuleFiles.MAX_FILES, message = "{cn.lantian.fact.Size.list}")
                            Map<@Size(max = RuleFiles.MAX_NAME_CHARS, message = "{cn.lantian.fact.Size.text}") String,
                                    @Size(max = RuleFiles.MAX_FILE_CHARS, message = "{cn.lantian.fact.Size.text}") String> fixtures,
                            @Pattern(regexp = "folder|active", message = "{lantian.ruleset.base}") String base) {
        boolean onActive() {
            return "active".equals(base);
        }

        Map<String, String> fixtureEdits() {
            return fixtures == null ? Map.of() : fixtures;
        }
    }

    @POST
    @Path("/validate")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Files laid over the rules folder or the active version (base), null removes one; for compare, fixture files too",
            content = @Content(schema = @Schema(implementation = Candidate.class)))
    @APIResponse(responseCode = "200", description = "The compiler's and the tables' diagnostics; nothing is activated",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.audit.ValidationReport.class)))
    @APIResponse(responseCode = "429", description = "Another validation runs; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response validate(String body) {
        Candidate request = parse(body, Candidate.class);
        RuleFolder files = candidate(request);
        return oneAtATime("validate", () -> Response.ok(ValidationReport.of(rules.loader(), files)).build());
    }

    @POST
    @Path("/compare")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Files laid over the rules folder or the active version (base), null removes one; for compare, fixture files too",
            content = @Content(schema = @Schema(implementation = Candidate.class)))
    @APIResponse(responseCode = "200", description = "Every fixture decided under the active and the candidate rules, and each decision that differs",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = cn.lantian.audit.Comparison.class)))
    @APIResponse(responseCode = "422", description = "The candidate rules do not load: the diagnostics",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Another comparison runs; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response compare(String body) {
        Candidate request = parse(body, Candidate.class);
        RuleFolder files = candidate(request);
        ActiveRuleset.Served served = rules.served();
        Map<String, String> fixtures = FixtureFiles.overlay(request.onActive() ? served.fixtures() : versions.folderFixtures(),
                request.fixtureEdits());
        List<cn.lantian.fixture.FixtureCase> cases;
        try {
            cases = Fixtures.of(fixtures);
        } catch (cn.lantian.fixture.FixtureException e) {
            throw new InvalidRequestException("The fixtures are invalid", List.of(new FieldError("fixtures", e.getMessage())));
        }
        return oneAtATime("compare", () -> {
            try {
                Ruleset candidate = rules.loader().load(files);
                return Response.ok(Comparison.of(served.ruleset(), candidate, cases, new RequestReader(validator))).build();
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
        Activation activation = parse(body, Activation.class);
        Actor actor = Actors.of(identity);
        return oneAtATime("reload", () -> answer(versions.reload(actor, activation.reason()), true));
    }

    /** Files edited in the console, laid over the active version: what {@code POST /ruleset/activate} takes. */
    public record EditedActivation(@Size(max = RuleFiles.MAX_FILES, message = "{cn.lantian.fact.Size.list}")
                                   Map<@Size(max = RuleFiles.MAX_NAME_CHARS, message = "{cn.lantian.fact.Size.text}") String,
                                           @Size(max = RuleFiles.MAX_FILE_CHARS, message = "{cn.lantian.fact.Size.text}") String> files,
                                   @Size(max = RuleFiles.MAX_FILES, message = "{cn.lantian.fact.Size.list}")
                                   Map<@Size(max = RuleFiles.MAX_NAME_CHARS, message = "{cn.lantian.fact.Size.text}") String,
                                           @Size(max = RuleFiles.MAX_FILE_CHARS, message = "{cn.lantian.fact.Size.text}") String> fixtures,
                                   @NotBlank @Size(max = 500) String reason,
                                   Long baseVersion,
                                   @Size(max = 2000, message = "{cn.lantian.fact.Size.list}") List<@jakarta.validation.Valid AcceptedCase> accepted) {}

    /** A fixture case whose new answer the auditor accepted as its expectation. */
    public record AcceptedCase(@NotBlank @Size(max = 300) String file, @NotBlank @Size(max = 1000) String name) {}

    @POST
    @Path("/activate")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Rules and fixture files edited in the console, laid over the active version; the cases whose new answers are accepted; why",
            content = @Content(schema = @Schema(implementation = EditedActivation.class)))
    @APIResponse(responseCode = "409", description = "Another activation came first, or baseVersion no longer serves; nothing was activated",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not activated (does not compile, a fixture fails, a rule or a table row is unreached): the report",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response activate(String body) {
        EditedActivation request = parse(body, EditedActivation.class);
        if ((request.files() == null || request.files().isEmpty()) && (request.fixtures() == null || request.fixtures().isEmpty())) {
            throw new InvalidRequestException("The request is invalid", List.of(FieldError.of("files",
                    Text.of("lantian.ruleset.nothingEdited"))));
        }
        Actor actor = Actors.of(identity);
        List<Map<String, String>> accepted = request.accepted() == null ? List.of() : request.accepted().stream()
                .map(a -> Map.of("file", a.file(), "name", a.name())).toList();
        return oneAtATime("activate", () -> answer(versions.activateEdited(
                request.files() == null ? Map.of() : request.files(), request.fixtures() == null ? Map.of() : request.fixtures(),
                request.baseVersion(), accepted, actor, request.reason()), false));
    }

    @GET
    @Path("/versions")
    @RolesAllowed("AUDITOR")
    public RuleVersions.VersionList versions() {
        return versions.list();
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed("AUDITOR")
    public Response version(@PathParam("version") String version) {
        return Response.ok(versions.files(stored(version))).build();
    }

    @POST
    @Path("/versions/{version}/activate")
    @RolesAllowed("AUDITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Why this version is activated again (a rollback is an activation, gated like reload)",
            content = @Content(schema = @Schema(implementation = Activation.class)))
    public Response activateVersion(@PathParam("version") String version, String body) {
        Activation activation = parse(body, Activation.class);
        StoredVersion v = stored(version);
        Actor actor = Actors.of(identity);
        return oneAtATime("activate", () -> answer(versions.activateVersion(v, actor, activation.reason()), false));
    }

    @GET
    @Path("/versions/{a}/diff/{b}")
    @RolesAllowed("AUDITOR")
    public Response diff(@PathParam("a") String a, @PathParam("b") String b) {
        StoredVersion from = stored(a);
        StoredVersion to = stored(b);
        return oneAtATime("compare", () -> {
            try {
                return Response.ok(versions.diff(from, to)).build();
            } catch (RulesetException e) {
                return Problem.response(422, Text.of("lantian.title.notActivated"), Text.of("lantian.ruleset.versionDoesNotLoad"),
                        List.of(), Map.of("diagnostics", e.diagnostics()));
            }
        });
    }

    @GET
    @Path("/versions/{version}/export")
    @RolesAllowed("AUDITOR")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response export(@PathParam("version") String version) {
        StoredVersion v = stored(version);
        return Response.ok(versions.export(v), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"lantian-rules-v" + v.number() + ".zip\"")
                .build();
    }

    /** A version by its number or its rules' hash, or 404 naming it. */
    private StoredVersion stored(String version) {
        return versions.find(version).orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(Problem.response(404,
                Text.of("lantian.title.versionNotFound"), Text.of("lantian.ruleset.versionNotFound", "version", version),
                List.of(FieldError.of("version", Text.of("lantian.ruleset.versionNotFound", "version", version))), Map.of())));
    }

    /** An activation's outcome as the API answers it: 200, 422 (refused by the gate) or 409 (overtaken). */
    private Response answer(RuleVersions.Outcome outcome, boolean reload) {
        if (outcome instanceof RuleVersions.Activated a) {
            return Response.ok(a).build();
        }
        if (outcome instanceof RuleVersions.Refused r) {
            return Problem.response(422, Text.of("lantian.title.notActivated"),
                    Text.of("lantian.ruleset.notActivated", "version", String.valueOf(rules.served().version())), List.of(),
                    Map.of("report", r.report()));
        }
        if (outcome instanceof RuleVersions.NotEverywhere n) {
            return Problem.response(409, Text.of("lantian.title.notEverywhere"), Text.of("lantian.ruleset.notEverywhere",
                    "instances", String.join(", ", n.instances().failed()), "version", String.valueOf(n.storedVersion())),
                    List.of(), Map.of("report", n.report(), "storedVersion", n.storedVersion(), "instances", n.instances()));
        }
        RuleVersions.Overtaken o = (RuleVersions.Overtaken) outcome;
        Map<String, Object> ext = new java.util.LinkedHashMap<>();
        if (o.report() != null) {
            ext.put("report", o.report());
        }
        ext.put("activeVersion", o.activeRulesetVersion());
        ext.put("activeStoredVersion", o.activeVersion());
        if (reload && o.report() != null) {
            return Problem.response(409, Text.of("lantian.title.overtaken"), Text.of("lantian.ruleset.overtaken",
                    "winner", o.activeRulesetVersion(), "tested", o.report().activeVersion()), List.of(), ext);
        }
        return Problem.response(409, Text.of("lantian.title.versionOvertaken"), Text.of("lantian.ruleset.versionOvertaken",
                "active", String.valueOf(o.activeVersion()), "rules", o.activeRulesetVersion()), List.of(), ext);
    }

    private <T> T parse(String body, Class<T> type) {
        RequestReader reader = new RequestReader(validator);
        T request = reader.parse(body, type);
        var errors = reader.violations(request);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        return request;
    }

    /** A fixture file of the folder that cannot be read (not UTF-8, not JSON, not a list of cases): 422 naming it, nothing activated. */
    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public Response unreadableFixtures(cn.lantian.fixture.FixtureException e) {
        return Problem.response(422, "The fixtures cannot be read", e.getMessage(), List.of(), Map.of());
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

    /** The rules folder (or the active version's rules) with the request's files laid over it. */
    private RuleFolder candidate(Candidate request) {
        if (request.onActive()) {
            return CandidateFiles.overlay(new RuleFolder(rules.served().rules(), List.of()), request.files());
        }
        try {
            return CandidateFiles.overlay(RuleFolder.read(rules.rulesDir()), request.files());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the rules folder " + rules.rulesDir(), e);
        }
    }
}
