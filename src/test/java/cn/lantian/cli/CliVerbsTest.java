package cn.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestFolders;
import cn.lantian.audit.ReloadReport;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.fixture.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jar's verbs as a desk or a city's CI runs them: {@code help}, {@code test}, {@code eval}, {@code diff},
 * an unknown verb, the table-row coverage of {@code check} and of the activation gate, and files that are
 * not UTF-8.
 */
class CliVerbsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset GBK = Charset.forName("GBK");
    /** A record of an enclosure with a gap: 399 of 420 metres enclosed (README's example). */
    private static final String RECORD = """
            {
              "inspectedAt": "2026-12-14T10:30:00+08:00",
              "subject": { "kind": "SITE", "id": "ZZ-2026-0834", "name": "某小区3#楼", "jurisdiction": "zhengzhou" },
              "site": {
                "activities": ["EARTHWORK"],
                "enclosure":  { "perimeterM": 420, "enclosedM": 399, "minHeightM": 2.5, "alongMainRoad": true },
                "stockpiles": { "count": 4, "covered": 4 }
              }
            }
            """;
    /** A threshold no rule reads, so that no case can reach its row. */
    private static final String UNREAD_ROW = "pm10.dailyLimit,75,number,µg/m³,工地 PM10 日均浓度限值（尚无规则引用）,LOCAL-default-DUST";

    record Run(int status, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run cli(String... args) {
        return cli(new byte[0], args);
    }

    static Run cli(byte[] stdin, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Cli.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin),
                PinnedClock.fixed());
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndAnUnknownVerbOrAFlagWithNoVerbPrintItAndExit2() {
        Run help = cli("help");
        assertEquals(0, help.status(), help.output());
        for (String verb : new String[] {"check [--rules DIR] [--fixtures DIR]", "test [--rules DIR] [FILE|DIR…]",
                "eval [--rules DIR] FILE|-", "diff DIR1 DIR2 [--fixtures DIR]"}) {
            assertTrue(help.output().contains(verb), help.output());
        }
        assertEquals(0, cli("--help").status());

        Run unknown = cli("serve-please", "--rules", "rules");
        assertEquals(2, unknown.status(), unknown.output());
        assertTrue(unknown.output().startsWith("unknown verb \"serve-please\""), unknown.output());
        assertTrue(unknown.output().contains("usage: java -jar"), unknown.output());

        Run flag = cli("--rules", "rules");
        assertEquals(2, flag.status(), flag.output());
        assertTrue(flag.output().startsWith("no verb before --rules"), flag.output());
        assertTrue(flag.output().contains("usage: java -jar"), flag.output());
    }

    @Test
    void testRunsTheShippedFixturesAndEndsWithItsCountLine() {
        Run run = cli("test");
        assertEquals(0, run.status(), run.output());
        assertTrue(run.lastLine().matches("[1-9]\\d* passed, 0 failed"), run.lastLine());
        // fixtures only: no coverage is reported
        assertFalse(run.output().contains("coverage"), run.output());
    }

    @Test
    void testRunsTheFilesAndFoldersItIsGivenAndFailsOnAFailingCase() throws IOException {
        long cases = JSON.readTree(Path.of("fixtures/penalties/before-the-code.json").toFile()).size()
                + JSON.readTree(Path.of("fixtures/dust/six.json").toFile()).size();
        Run two = cli("test", "fixtures/penalties/before-the-code.json", "fixtures/dust/six.json");
        assertEquals(0, two.status(), two.output());
        assertEquals(cases + " passed, 0 failed", two.lastLine());

        Run failing = cli("test", "src/test/resources/failing-fixtures");
        assertEquals(1, failing.status(), failing.output());
        assertTrue(failing.output().contains("FAIL wrong.json › "), failing.output());
        assertTrue(failing.output().contains("violations: expected [], got [STOCKPILE_COVER]"), failing.output());
        assertEquals("0 passed, 1 failed", failing.lastLine());

        Run missing = cli("test", "no-such-fixtures.json");
        assertEquals(2, missing.status(), missing.output());
        assertTrue(missing.output().contains("fixtures not found: no-such-fixtures.json"), missing.output());
        assertEquals("0 passed, 0 failed", missing.lastLine());

        assertEquals(2, cli("test", "--fixtures", "fixtures").status());
    }

    @Test
    void evalPrintsTheDecisionOfAFileOrOfStandardInputAsTheApiAnswersIt() throws IOException {
        Path record = Path.of("target", "cli-eval", "record.json");
        Files.createDirectories(record.getParent());
        Files.writeString(record, RECORD);
        Run run = cli("eval", record.toString());
        assertEquals(0, run.status(), run.output());
        JsonNode decision = JSON.readTree(run.output());
        assertFalse(decision.get("compliant").asBoolean(), run.output());
        assertEquals("ENCLOSURE", decision.at("/violations/0/code").asText(), run.output());
        assertEquals("EEC-AIR-115", decision.at("/violations/0/legalBasis").asText(), run.output());
        assertTrue(decision.has("rulesetVersion") && decision.has("trace") && decision.has("inspected"), run.output());
        assertTrue(run.output().contains("\n  \"compliant\""), "pretty-printed: " + run.output());

        Run stdin = cli(("\uFEFF" + RECORD).getBytes(StandardCharsets.UTF_8), "eval", "-");
        assertEquals(0, stdin.status(), stdin.output());
        assertEquals("ENCLOSURE", JSON.readTree(stdin.output()).at("/violations/0/code").asText());
    }

    @Test
    void evalOfABadRecordPrintsEachBadFieldAndExits2() throws IOException {
        Run bad = cli(RECORD.replace("\"covered\": 4", "\"covered\": 5").getBytes(StandardCharsets.UTF_8), "eval", "-");
        assertEquals(2, bad.status(), bad.output());
        assertTrue(bad.output().startsWith("standard input: "), bad.output());
        assertTrue(bad.output().contains("  site.stockpiles.covered: "), bad.output());

        Path gbk = Path.of("target", "cli-eval", "gbk-record.json");
        Files.createDirectories(gbk.getParent());
        Files.write(gbk, RECORD.getBytes(GBK));
        Run encoded = cli("eval", gbk.toString());
        assertEquals(2, encoded.status(), encoded.output());
        assertTrue(encoded.output().matches("(?s)" + java.util.regex.Pattern.quote(gbk.toString()) + ":\\d+: is not UTF-8.*"),
                encoded.output());
        assertTrue(encoded.output().contains("save it as UTF-8"), encoded.output());

        assertEquals(2, cli("eval").status());
        assertEquals(2, cli("eval", "a.json", "b.json").status());
        Run missing = cli("eval", "no-such-record.json");
        assertEquals(2, missing.status());
        assertTrue(missing.output().startsWith("cannot read no-such-record.json"), missing.output());
    }

    @Test
    void diffOfAFolderWithItselfFindsNothingAndOfALoweredLimitShowsTheCasesOldAndNew() throws IOException {
        Run same = cli("diff", "rules", "rules", "--fixtures", "fixtures/dust");
        assertEquals(0, same.status(), same.output());
        assertTrue(same.lastLine().matches("no case decides differently \\(\\d+ cases\\)"), same.lastLine());

        Path lowered = Path.of("target", "cli-diff-rules");
        TestFolders.copy(Path.of("rules"), lowered);
        TestFolders.edit(lowered.resolve("dust/parameters.csv"), Map.of("pm10.hourlyLimit,150,", "pm10.hourlyLimit,60,"));
        Run changed = cli("diff", "rules", lowered.toString(), "--fixtures", "fixtures/dust");
        assertEquals(1, changed.status(), changed.output());
        assertTrue(changed.output().startsWith("old: rules rules (sha256:"), changed.output());
        assertTrue(changed.output().contains("\nnew: rules " + lowered + " (sha256:"), changed.output());
        // the case compliant at exactly 150 µg/m³ is not at 60: its verdict, violations and orders, old and new
        assertTrue(changed.output().contains("\nCHANGED related-duties.json › PM10"), changed.output());
        assertTrue(changed.output().contains(String.join("\n",
                "  compliant   old true",
                "              new false",
                "  violations  old none",
                "              new PM10_EXCEEDED",
                "  orders      old none",
                "              new RECTIFY violation=PM10_EXCEEDED deadline=")), changed.output());
        assertTrue(changed.lastLine().matches("[1-9]\\d* of \\d+ cases decide differently"), changed.lastLine());

        assertEquals(2, cli("diff", "rules").status());
        Run unreadable = cli("diff", "rules", "no-such-rules");
        assertEquals(2, unreadable.status(), unreadable.output());
        assertTrue(unreadable.output().contains("The rules in no-such-rules do not load"), unreadable.output());
    }

    @Test
    void aTableRowNoCaseReachesFailsTheCheckAndRefusesActivationUntilItSaysWhyItNeedsNone() throws Exception {
        Path rules = Path.of("target", "cli-unreached-row-rules");
        TestFolders.copy(Path.of("rules"), rules);
        Path params = rules.resolve("dust/parameters.csv");
        Files.writeString(params, Files.readString(params).stripTrailing() + "\n" + UNREAD_ROW + "\n");
        int line = TestFolders.lineOf(params, "pm10.dailyLimit,");

        Run check = cli("check", "--rules", rules.toString());
        assertEquals(1, check.status(), check.output());
        assertTrue(check.output().contains("table-row coverage: 1 of "), check.output());
        assertTrue(check.output().lines().anyMatch(l -> l.matches("  rules/dust/parameters.csv +" + line
                + "  name=pm10.dailyLimit")), check.output());
        assertTrue(check.output().contains("every one of 82 rules is fired"), check.output());
        assertTrue(check.lastLine().matches("\\d+ passed, 0 failed"), check.lastLine());

        var loader = new RulesetLoader(PinnedClock.fixed());
        ReloadReport reload = ReloadReport.attempt(loader, loader.load(Path.of("rules")), rules,
                Fixtures.load(Path.of("fixtures")), CliSupport.reader());
        assertFalse(reload.activated(), reload.toString());
        assertTrue(reload.fixtureFailures().isEmpty() && reload.uncoveredRules().isEmpty(), reload.toString());
        assertEquals(1, reload.unreachedRows().size(), reload.unreachedRows().toString());
        assertEquals("rules/dust/parameters.csv", reload.unreachedRows().get(0).file());
        assertEquals(line, reload.unreachedRows().get(0).line());
        assertEquals("name=pm10.dailyLimit", reload.unreachedRows().get(0).key());

        // the auditor says why the row needs no case: the gate passes, and says how many rows are marked
        TestFolders.edit(params, Map.of("name,value,type,unit,title,legalBasis\n",
                "name,value,type,unit,title,legalBasis,noFixtureBecause\n",
                UNREAD_ROW, UNREAD_ROW + ",日均限值待规则引用后补充案例"));
        Run marked = cli("check", "--rules", rules.toString());
        assertEquals(0, marked.status(), marked.output());
        assertTrue(marked.output().matches("(?s).*table-row coverage: \\d+ of \\d+ table rows reached by some case, "
                + "the other \\d+ marked noFixtureBecause.*"), marked.output());
    }

    @Test
    void aFixtureFileThatIsNotUtf8IsNamedWithItsLineAndOneWithAByteOrderMarkIsRead() throws IOException {
        Path fixtures = Path.of("target", "cli-gbk-fixtures");
        TestFolders.copy(Path.of("fixtures/dust"), fixtures);
        String six = Files.readString(fixtures.resolve("six.json"));
        Files.write(fixtures.resolve("six.json"), six.getBytes(GBK));
        for (String verb : new String[] {"test", "check"}) {
            Run run = verb.equals("test") ? cli("test", fixtures.toString()) : cli("check", "--fixtures", fixtures.toString());
            assertEquals(2, run.status(), run.output());
            assertTrue(run.output().matches("(?s).*" + java.util.regex.Pattern.quote(fixtures.resolve("six.json").toString())
                    + ":\\d+: is not UTF-8 \\(GBK or GB18030.*"), run.output());
            assertTrue(run.output().contains("save it as UTF-8"), run.output());
            assertFalse(run.output().contains("Input length"), run.output());
        }

        Files.write(fixtures.resolve("six.json"), ("\uFEFF" + six).getBytes(StandardCharsets.UTF_8));
        Run bom = cli("test", fixtures.resolve("six.json").toString());
        assertEquals(0, bom.status(), bom.output());
        assertTrue(bom.lastLine().matches("[1-9]\\d* passed, 0 failed"), bom.lastLine());
    }

    @Test
    void aRulesTableSavedAsGbkIsNamedByTestAndCheckAndBytesOfNoEncodingStopTheCheck() throws IOException {
        Path rules = Path.of("target", "cli-gbk-rules");
        TestFolders.copy(Path.of("rules"), rules);
        Path params = rules.resolve("dust/parameters.csv");
        String original = Files.readString(params);
        Files.write(params, original.getBytes(Charset.forName("GB18030")));
        Run gbk = cli("test", "--rules", rules.toString(), "fixtures/dust/six.json");
        assertEquals(0, gbk.status(), gbk.output());
        assertTrue(gbk.output().lines().anyMatch(l -> l.startsWith("  rules/dust/parameters.csv:1:0: WARNING: is not UTF-8 (line 1)")
                && l.contains("GB18030/GBK") && l.contains("CSV UTF-8")), gbk.output());

        byte[] broken = original.getBytes(StandardCharsets.UTF_8);
        broken[broken.length - 3] = (byte) 0xFF; // a lead byte of neither UTF-8 nor GB18030
        Files.write(params, broken);
        Run check = cli("check", "--rules", rules.toString());
        assertEquals(2, check.status(), check.output());
        assertTrue(check.output().contains("rules/dust/parameters.csv:" + original.lines().count()
                + ":0: ERROR: is neither UTF-8 nor GB18030/GBK text"), check.output());
        assertFalse(check.output().contains("Input length"), check.output());
        assertEquals("0 passed, 0 failed", check.lastLine());
    }
}
