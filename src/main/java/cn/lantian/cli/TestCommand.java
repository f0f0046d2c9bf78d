package cn.lantian.cli;

import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code test [--rules DIR] [FILE|DIR…]}: fixture cases only (default the folder {@code fixtures}), each
 * failing case expected against actual, and last {@code N passed, M failed}; no coverage, so that one file
 * can be tried on its own. Exit status 0 when every case holds, 1 when one fails, 2 when the rules or the
 * fixtures cannot be read or the arguments are wrong.
 */
final class TestCommand {
    private static final String USAGE = "usage: test [--rules DIR] [FILE|DIR…]";

    private TestCommand() {}

    static int run(String[] args, PrintStream out, java.time.Clock clock) {
        Path rules = Path.of("rules");
        List<Path> fixtures = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rules") && i + 1 < args.length) {
                rules = Path.of(args[++i]);
            } else if (args[i].startsWith("-")) {
                out.println(USAGE);
                return 2;
            } else {
                fixtures.add(Path.of(args[i]));
            }
        }
        if (fixtures.isEmpty()) {
            fixtures.add(Path.of("fixtures"));
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
        failures(report, out);
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        return report.failed() == 0 ? 0 : 1;
    }

    /** Each failing case, with what differs from its expectation. */
    static void failures(FixtureRunner.Report report, PrintStream out) {
        for (FixtureRunner.Outcome f : report.failures()) {
            out.println();
            out.println("FAIL " + f.fixture().label());
            f.mismatches().forEach(m -> out.println("  " + m));
        }
    }
}
