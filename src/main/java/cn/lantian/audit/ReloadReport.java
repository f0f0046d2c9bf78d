package cn.lantian.audit;

import cn.lantian.engine.Diagnostic;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.RowCoverage;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureRunner;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of re-reading the rules folder: the candidate is activated only when it compiles, every
 * fixture holds, every rule is fired by some fixture and every table row is reached by one (or says in its
 * {@code noFixtureBecause} cell why it needs none); otherwise the active rules keep serving and the report
 * says why ({@code unreachedRows}: file, line and the cells that name each row).
 */
public record ReloadReport(boolean activated, String version, String activeVersion, List<Diagnostic> diagnostics,
                           long fixturesPassed, List<CaseFailure> fixtureFailures, List<String> uncoveredRules,
                           List<RowCoverage.UnreachedRow> unreachedRows, RulesetChanges changes,
                           @JsonIgnore Ruleset candidate) {

    public record CaseFailure(String file, String name, List<String> mismatches) {}

    /** Builds and tests the candidate from the folder; activating it is the caller's step. */
    public static ReloadReport attempt(RulesetLoader loader, Ruleset active, Path rulesDir, List<FixtureCase> cases,
                                       RequestReader reader) {
        Ruleset candidate;
        try {
            candidate = loader.load(rulesDir);
        } catch (RulesetException e) {
            return new ReloadReport(false, null, active.version(), e.diagnostics(), 0, List.of(), List.of(), List.of(),
                    null, null);
        }
        return tested(active, candidate, cases, reader);
    }

    /** Builds and tests a candidate folder (a stored version's files, or the active one's with edits laid over it). */
    public static ReloadReport attempt(RulesetLoader loader, Ruleset active, RuleFolder folder, List<FixtureCase> cases,
                                       RequestReader reader) {
        Ruleset candidate;
        try {
            candidate = loader.load(folder);
        } catch (RulesetException e) {
            return new ReloadReport(false, null, active.version(), e.diagnostics(), 0, List.of(), List.of(), List.of(),
                    null, null);
        }
        return tested(active, candidate, cases, reader);
    }

    private static ReloadReport tested(Ruleset active, Ruleset candidate, List<FixtureCase> cases, RequestReader reader) {
        FixtureRunner.Report report = FixtureRunner.run(candidate, cases, reader);
        List<CaseFailure> failures = report.failures().stream()
                .map(o -> new CaseFailure(o.fixture().file(), o.fixture().name(), o.mismatches())).toList();
        boolean ok = report.covered();
        return new ReloadReport(ok, candidate.version(), active.version(), candidate.warnings(), report.passed(),
                failures, report.unfiredRules(), report.unreachedRows(), RulesetChanges.between(active, candidate),
                ok ? candidate : null);
    }

    /** The same report once a concurrent reload has replaced the rules this one was tested against. */
    public ReloadReport overtaken() {
        return new ReloadReport(false, version, activeVersion, diagnostics, fixturesPassed, fixtureFailures,
                uncoveredRules, unreachedRows, changes, null);
    }
}
