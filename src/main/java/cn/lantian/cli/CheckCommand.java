package cn.lantian.cli;

import cn.lantian.engine.Diagnostic;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import jakarta.validation.Validation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * {@code check [--rules DIR] [--fixtures DIR]}: every fixture against the rules, for an auditor at a
 * desk. Prints each failing case (expected against actual), the rules no case fired, and last
 * {@code N passed, M failed}. Exit status 0 when all pass, 1 when a case fails or a rule goes unfired,
 * 2 when the rules or fixtures cannot be read or the arguments are wrong.
 */
final class CheckCommand {
    private CheckCommand() {}

    static int run(String[] args, PrintStream out, java.time.Clock clock) {
        Path rules = Path.of("rules");
        Path fixtures = Path.of("fixtures");
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--rules") || args[i].equals("--fixtures")) && i + 1 < args.length) {
                if (args[i].equals("--rules")) {
                    rules = Path.of(args[++i]);
                } else {
                    fixtures = Path.of(args[++i]);
                }
            } else {
                out.println("usage: check [--rules DIR] [--fixtures DIR]");
                return 2;
            }
        }
        // Without the service's configuration the engine's own loggers would trace every match.
        Logger.getLogger("").setLevel(Level.WARNING);
        Ruleset ruleset;
        try {
            ruleset = new RulesetLoader(clock).load(rules);
        } catch (RulesetException e) {
            out.println("The rules in " + rules + " do not load:");
            e.diagnostics().forEach(d -> out.println("  " + d));
            out.println("0 passed, 0 failed");
            return 2;
        }
        FixtureRunner.Report report;
        try {
            var validator = Validation.byDefaultProvider().configure()
                    .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
            report = FixtureRunner.run(ruleset, Fixtures.load(fixtures), new RequestReader(validator));
        } catch (FixtureException e) {
            out.println(e.getMessage());
            out.println("0 passed, 0 failed");
            return 2;
        }
        out.println("rules " + rules + " (" + ruleset.version() + ", " + ruleset.rules().size() + " rules)");
        for (Diagnostic w : ruleset.warnings()) {
            out.println("  " + w);
        }
        for (FixtureRunner.Outcome f : report.failures()) {
            out.println();
            out.println("FAIL " + f.fixture().label());
            f.mismatches().forEach(m -> out.println("  " + m));
        }
        if (!report.unverifiedBases().isEmpty()) {
            out.println();
            out.println("legal bases not yet verified, reached by the fixtures (verify each against the text in force):");
            report.unverifiedBases().forEach((basis, cases) -> out.println(String.format("  %-14s %s (%d cases)", basis,
                    ruleset.referenceToday(clock).article(basis)
                            .map(cn.lantian.fact.LawArticle::title).orElse(""), cases)));
        }
        out.println();
        if (report.unfiredRules().isEmpty()) {
            out.println("rule coverage: every one of " + ruleset.rules().size() + " rules is fired by some case");
        } else {
            out.println("rule coverage: " + report.unfiredRules().size() + " of " + ruleset.rules().size()
                    + " rules fired by no case:");
            out.println(String.format("  %-40s %s", "file", "rule"));
            ruleset.rules().stream().filter(r -> report.unfiredRules().contains(r.name()))
                    .forEach(r -> out.println(String.format("  %-40s %s", r.file(), r.name())));
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        return report.failed() == 0 && report.unfiredRules().isEmpty() ? 0 : 1;
    }
}
