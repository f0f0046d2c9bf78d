package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestFolders;
import cn.lantian.fact.Penalty;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The law a decision applies across the repeal of 2026-08-15 (domain.md section 8, 行政处罚法 art. 37):
 * the law of the conduct's day, the new one only when it punishes more lightly, the reason saying which
 * and why; and an auditor who enters the Code's own range does so in the table alone.
 */
class LawInForceTest {
    private static final RequestReader READER = new RequestReader(Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());

    static String truck(String inspectedAt, String decidedAt) {
        return "{\"inspectedAt\": \"" + inspectedAt + "\"" + (decidedAt == null ? "" : ", \"decidedAt\": \"" + decidedAt + "\"")
                + ", \"subject\": {\"kind\": \"SITE\", \"id\": \"LAW-T\", \"jurisdiction\": \"zhengzhou\", \"standard\": \"SIX\"},"
                + " \"site\": {\"muckTrucks\": {\"count\": 10, \"sealed\": 9}}}";
    }

    static Decision decide(Ruleset rules, String body) {
        return Evaluator.evaluate(rules, new InspectionReader(READER).read(body, rules));
    }

    static Penalty only(Decision d) {
        assertEquals(1, d.penalties().size(), d.penalties().toString());
        return d.penalties().get(0);
    }

    @Test
    void anEqualRangeKeepsTheLawOfTheConductAndSaysWhy() throws Exception {
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules"));
        Penalty p = only(decide(rules, truck("2026-08-10T10:00:00+08:00", "2026-08-20T09:00:00+08:00")));
        assertEquals("APPCL-116", p.legalBasis());
        assertTrue(p.verified());
        assertTrue(p.reason().contains("违法行为发生于2026年8月10日") && p.reason().contains("仍适用原规定")
                && p.reason().contains("第三十七条"), p.reason());
        // decided on the day of the conduct: no transition, no note
        Penalty same = only(decide(rules, truck("2026-08-10T10:00:00+08:00", null)));
        assertEquals("APPCL-116", same.legalBasis());
        assertFalse(same.reason().contains("第三十七条"), same.reason());
    }

    @Test
    void aLighterCodeRangeAppliesToEarlierConductWhenEnteredInTheTable() throws Exception {
        Path lighter = Path.of("target", "lighter-code-rules");
        TestFolders.copy(Path.of("rules"), lighter);
        // the auditor enters the Code's own article and range: verified, and lighter than the old law
        TestFolders.edit(lighter.resolve("penalties/legal-bases.csv"), Map.of(
                "EEC-AIR-116,,,《生态环境法典》（原《大气污染防治法》第一百一十六条对应条款，条款号待核）,2000,20000,",
                "EEC-AIR-116,,,《生态环境法典》第九百九十九条（示例）,1000,10000,",
                "运输渣土、砂石、土方等散装物料未密闭,APPCL-116,false,", "运输渣土、砂石、土方等散装物料未密闭,APPCL-116,true,"));
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(lighter);

        Decision later = decide(rules, truck("2026-08-10T10:00:00+08:00", "2026-08-20T09:00:00+08:00"));
        Penalty p = only(later);
        assertEquals("EEC-AIR-116", p.legalBasis());
        assertEquals(List.of(1000L, 10000L, 1000L), List.of(p.fineMinYuan(), p.fineMaxYuan(), p.recommendedFineYuan()));
        assertTrue(p.verified());
        assertTrue(p.reason().contains("处罚较轻") && p.reason().contains("适用新的规定"), p.reason());
        assertEquals(List.of(), later.warnings());

        // conduct and decision on the same side of the date: the law of that day, no comparison
        assertEquals("APPCL-116", only(decide(rules, truck("2026-08-10T10:00:00+08:00", null))).legalBasis());
        Decision after = decide(rules, truck("2026-09-01T10:00:00+08:00", null));
        assertEquals("EEC-AIR-116", only(after).legalBasis());
        assertEquals(List.of(), after.warnings(), "a verified successor carries no warning");
    }

    @Test
    void aLocalArticleAppliesWithoutTheNationalTransitionNote() throws Exception {
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules"));
        Penalty local = only(decide(rules, truck("2026-08-10T10:00:00+08:00", "2026-08-20T09:00:00+08:00")
                .replace("zhengzhou", "gdcity")));
        assertEquals("LOCAL-gdcity-TRANSPORT", local.legalBasis());
        assertFalse(local.reason().contains("第三十七条"), local.reason());
    }

    @Test
    void aLighterSuccessorJudgesEveryDayOfARefusalInOneEntry() throws Exception {
        Path lighter = Path.of("target", "lighter-daily-rules");
        TestFolders.copy(Path.of("rules"), lighter);
        // the Code caps the daily penalty where the old law did not: lighter, so APL-37 takes it for all days
        TestFolders.edit(lighter.resolve("penalties/legal-bases.csv"), Map.of(
                "EEC-AIR-123,,,《生态环境法典》（原《大气污染防治法》第一百二十三条对应条款，条款号待核）,,,",
                "EEC-AIR-123,,,《生态环境法典》（原《大气污染防治法》第一百二十三条对应条款，条款号待核）,,100000,"));
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(lighter);
        List<Penalty> daily = decide(rules, followUp("2026-08-10T09:00:00+08:00", "2026-08-20T10:30:00+08:00")).penalties()
                .stream().filter(p -> p.days() != null).toList();
        assertEquals(1, daily.size(), daily.toString());
        assertEquals("EEC-AIR-123", daily.get(0).legalBasis());
        assertEquals(10, daily.get(0).days());
        assertEquals(100000L, daily.get(0).recommendedFineYuan(), "10 days × 20000 capped at the Code's 100000");
    }

    @Test
    void anUnverifiedSuccessorWarnsOnceWhateverCitesIt() throws Exception {
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules"));
        Decision d = decide(rules, truck("2026-12-14T10:00:00+08:00", null));
        assertEquals("EEC-AIR-116", d.violations().get(0).legalBasis());
        assertFalse(only(d).verified());
        assertEquals(1, d.warnings().size(), d.warnings().toString());
        DecisionWarning w = d.warnings().get(0);
        assertEquals(DecisionWarning.UNVERIFIED_LEGAL_BASIS, w.code());
        assertEquals("EEC-AIR-116", w.legalBasis());
        assertTrue(w.message().startsWith("《生态环境法典》（原《大气污染防治法》第一百一十六条对应条款") && w.message().contains("核实"),
                w.message());
    }

    static String followUp(String orderedAt, String inspectedAt) {
        return "{\"inspectedAt\": \"" + inspectedAt + "\", \"subject\": {\"kind\": \"SITE\", \"id\": \"LAW-F\", "
                + "\"jurisdiction\": \"zhengzhou\", \"standard\": \"SIX\"}, \"site\": {\"enclosure\": {\"perimeterM\": 420, "
                + "\"enclosedM\": 399, \"minHeightM\": 2.5, \"alongMainRoad\": true}}, \"history\": {\"rectification\": "
                + "{\"orderedAt\": \"" + orderedAt + "\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 20000}}}";
    }

    @Test
    void aRefusalAcrossTheRepealIsSplitAtItsDayAndOnlyThen() throws Exception {
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules"));
        List<Penalty> split = decide(rules, followUp("2026-08-10T09:00:00+08:00", "2026-08-20T10:30:00+08:00")).penalties()
                .stream().filter(p -> p.days() != null).toList();
        assertEquals(List.of("APPCL-123", "EEC-AIR-123"), split.stream().map(Penalty::legalBasis).sorted().toList());
        Penalty old = split.stream().filter(p -> p.legalBasis().equals("APPCL-123")).findFirst().orElseThrow();
        assertTrue(old.reason().contains("分段计罚") && old.reason().contains("违法行为发生时施行"), old.reason());
        // every day is counted once: 4 + 6 = the 10 days since the order
        assertEquals(10, split.stream().mapToInt(Penalty::days).sum());
        // one warning, for the successor only: the old law's part is verified
        assertEquals(List.of("EEC-AIR-123", "EEC-AIR-115"),
                decide(rules, followUp("2026-08-10T09:00:00+08:00", "2026-08-20T10:30:00+08:00")).warnings().stream()
                        .map(DecisionWarning::legalBasis).toList());
        for (String[] unsplit : new String[][] {{"2026-08-14T09:00:00+08:00", "2026-08-16T10:30:00+08:00"},
                {"2026-08-01T09:00:00+08:00", "2026-08-10T10:30:00+08:00"}, {"2026-12-10T09:00:00+08:00", "2026-12-14T10:30:00+08:00"}}) {
            List<Penalty> daily = decide(rules, followUp(unsplit[0], unsplit[1])).penalties().stream()
                    .filter(p -> p.days() != null).toList();
            assertEquals(1, daily.size(), unsplit[0] + " → " + unsplit[1] + ": " + daily);
        }
    }

    @Test
    void aDecisionBeforeItsInspectionIsRefused() throws Exception {
        Ruleset rules = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules"));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> decide(rules, truck("2026-08-10T10:00:00+08:00", "2026-08-09T10:00:00+08:00")));
        assertEquals("decidedAt", e.errors().get(0).field());
    }
}
