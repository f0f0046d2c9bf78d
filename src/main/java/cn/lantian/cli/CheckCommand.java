package cn.lantian.cli;

import cn.lantian.engine.RowCoverage;
import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code check [--rules DIR] [--fixtures DIR]}: the whole gate, for an auditor at a desk or a city's CI:
 * the rules compile and pass their table checks, every fixture holds, every rule is fired by some case and
 * every table row is reached by one (or says why it needs none). Prints each failing case (expected
 * against actual), the rules no case fired, the rows no case reached, and last {@code N passed, M failed}.
 * Exit status 0 when all pass, 1 when a case fails, a rule goes unfired or a row unreached, 2 when the
 * rules or fixtures cannot be read or the arguments are wrong.
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
        Ruleset ruleset = CliSupport.load(rules, clock, out);
        if (ruleset == null) {
            out.println("0 passed, 0 failed");
            return 2;
        }
        FixtureRunner.Report report;
        try {
            report = FixtureRunner.run(ruleset, Fixtures.load(fixtures), CliSupport.reader());
        } catch (FixtureException e) {
            out.println(e.getMessage());
            out.println("0 passed, 0 failed");
            return 2;
        }
        CliSupport.header(rules, ruleset, out);
        TestCommand.failures(report, out);
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
        RowCoverage.Result rows = report.rowCoverage();
        String exempt = rows.exempt() == 0 ? "" : ", " + rows.exempt() + " marked noFixtureBecause";
        if (rows.unreached().isEmpty()) {
            out.println(rows.exempt() == 0
                    ? "table-row coverage: every one of " + rows.rows() + " table rows is reached by some case"
                    : "table-row coverage: " + (rows.rows() - rows.exempt()) + " of " + rows.rows()
                    + " table rows reached by some case, the other " + rows.exempt() + " marked noFixtureBecause");
        } else {
            out.println("table-row coverage: " + rows.unreached().size() + " of " + rows.rows()
                    + " table rows reached by no case" + exempt + " (add a case that reaches each, or say in its "
                    + "noFixtureBecause cell why it needs none):");
            out.println(String.format("  %-44s %5s  %s", "file", "line", "row"));
            rows.unreached().forEach(r -> out.println(String.format("  %-44s %5d  %s", r.file(), r.line(), r.key())));
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        return report.covered() ? 0 : 1;
    }
}
