package cn.lantian.api;

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
import cn.lantian.fixture.Fixtures;
import jakarta.inject.Inject;
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

/**
 * The auditor's loop: see the active rules, validate candidate files, compare their decisions with the
 * active rules' on every fixture, and reload the rules folder, activated only when every fixture holds.
 */
@Path("/api/v1/ruleset")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    java.time.Clock clock;

    public record RulesetView(String version, Instant loadedAt, String rulesDir, List<String> files,
                              List<String> standards, List<RuleInfo> rules) {}

    @GET
    public RulesetView get() {
        Ruleset r = rules.get();
        return new RulesetView(r.version(), r.loadedAt(), rules.rulesDir().toString(), r.files(),
                r.referenceToday(clock).standards(), r.rules());
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public ValidationReport validate(String body) {
        return ValidationReport.of(rules.loader(), candidate(body));
    }

    @POST
    @Path("/compare")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response compare(String body) {
        RuleFolder files = candidate(body);
        try {
            Ruleset candidate = rules.loader().load(files);
            return Response.ok(Comparison.of(rules.get(), candidate, Fixtures.load(rules.fixturesDir()),
                    new RequestReader(validator))).build();
        } catch (RulesetException e) {
            return Problem.response(422, "The candidate rules do not load", null, List.of(),
                    Map.of("diagnostics", e.diagnostics()));
        }
    }

    @POST
    @Path("/reload")
    public Response reload() {
        Ruleset active = rules.get();
        ReloadReport report = ReloadReport.attempt(rules.loader(), active, rules.rulesDir(), Fixtures.load(rules.fixturesDir()),
                new RequestReader(validator));
        if (report.activated() && !rules.activate(active, report.candidate())) {
            report = report.overtaken();
        }
        if (report.activated()) {
            return Response.ok(report).build();
        }
        return Problem.response(422, "The rules were not activated", "the active rules " + active.version()
                + " keep serving", List.of(), Map.of("report", report));
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
