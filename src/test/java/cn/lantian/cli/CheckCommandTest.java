package cn.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The auditor's {@code check} command: its exit status and what it prints, on good and bad folders. */
class CheckCommandTest {
    record Run(int status, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run check(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = CheckCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), cn.lantian.PinnedClock.fixed());
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theShippedRulesPassEveryShippedFixture() {
        Run run = check();
        assertEquals(0, run.status(), run.output());
        assertTrue(run.lastLine().matches("\\d+ passed, 0 failed"), run.lastLine());
        assertTrue(run.output().contains("every one of"), run.output());
        // the Code's successors the fixtures reach are listed for an auditor to verify; the old law's are not
        assertTrue(run.output().contains("legal bases not yet verified"), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.strip().startsWith("EEC-AIR-115 ") && l.contains("条款号待核")),
                run.output());
        assertTrue(run.output().lines().noneMatch(l -> l.strip().startsWith("APPCL-115 ")), run.output());
    }

    @Test
    void aFailingCaseIsShownExpectedAgainstActualAndFailsTheRun() {
        Run run = check("--fixtures", "src/test/resources/failing-fixtures");
        assertEquals(1, run.status(), run.output());
        assertEquals("0 passed, 1 failed", run.lastLine());
        assertTrue(run.output().contains("FAIL wrong.json › "), run.output());
        assertTrue(run.output().contains("compliant: expected true, got false"), run.output());
        assertTrue(run.output().contains("violations: expected [], got [STOCKPILE_COVER]"), run.output());
        assertTrue(run.output().contains("fired by no case"), run.output());
    }

    @Test
    void rulesThatDoNotCompileAreReportedWithTheirLine() throws IOException {
        Path broken = Files.createTempDirectory("broken-rules");
        Files.writeString(broken.resolve("bad.drl"), "package dust\nrule \"x\"\nwhen\n  Foo( a > )\nthen\nend\n");
        Run run = check("--rules", broken.toString());
        assertEquals(2, run.status(), run.output());
        assertTrue(run.output().contains("rules/bad.drl:4:"), run.output());
    }

    @Test
    void aRuleThatFailsAtRunTimeFailsItsCasesInsteadOfTheCheck() throws IOException {
        Path rules = Path.of("target", "failing-rule-rules");
        cn.lantian.TestFolders.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("dust/failing.drl"), """
                package dust
                import cn.lantian.fact.*;

                rule "A rule whose consequence cannot run"
                    @code("STOCKPILE_COVER") @title("物料堆放覆盖") @legalBasis("APPCL-115")
                when
                    SiteBlock.Stockpiles( count > 0 )
                then
                    Integer.parseInt("one hundred fifty");
                end
                """);
        Run run = check("--rules", rules.toString());
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("the rules failed on this case: NumberFormatException"), run.output());
        assertTrue(run.lastLine().matches("\\d+ passed, [1-9]\\d* failed"), run.lastLine());
    }

    /** What used to fail at the first evaluation (a threshold that is no number) now stops the check, as it stops start-up. */
    @Test
    void aThresholdThatIsNoNumberStopsTheCheckWithItsFileLineAndColumn() throws IOException {
        Path rules = Path.of("target", "unreadable-threshold-rules");
        cn.lantian.TestFolders.copy(Path.of("rules"), rules);
        cn.lantian.TestFolders.edit(rules.resolve("dust/parameters.csv"),
                java.util.Map.of("pm10.hourlyLimit,150,", "pm10.hourlyLimit,one hundred fifty,"));
        Run run = check("--rules", rules.toString());
        assertEquals(2, run.status(), run.output());
        assertTrue(run.output().contains("rules/dust/parameters.csv:" + cn.lantian.TestFolders.lineOf(rules.resolve("dust/parameters.csv"),
                "pm10.hourlyLimit,") + ":18: ERROR: "
                + "column value of pm10.hourlyLimit must be a number (type number), not \"one hundred fifty\""), run.output());
        assertEquals("0 passed, 0 failed", run.lastLine());
    }

    @Test
    void aWrongArgumentShowsTheUsage() {
        Run run = check("--rulez", "x");
        assertEquals(2, run.status());
        assertTrue(run.output().startsWith("usage: check"), run.output());
    }
}
