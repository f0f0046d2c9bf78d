package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The discretion factor table and the campaign table are refused, pointing at the row or the rule, when a
 * mistake in them would decide a penalty wrongly or not at all; so is a rules folder whose benchmark has
 * no wording for its calculation.
 */
class PenaltyPolicyTablesTest {
    private static final String FACTORS = "penalties/discretion-factors.csv";
    private static final String CAMPAIGN = "penalties/campaign.csv";
    private static final String PARAMETERS = "penalties/parameters.csv";
    private static final String DECISIONS = "rules/penalties/penalty-decisions.drl";

    private static List<Diagnostic> rejected(Map<String, String> files) {
        return assertThrows(RulesetException.class, () -> new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files)).diagnostics();
    }

    private static void refusedFor(Map<String, String> files, Predicate<Diagnostic> expected) {
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(expected), d.toString());
    }

    private static Map<String, String> edit(String file, String from, String to) throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        String was = files.get(file);
        assertTrue(was.contains(from), file + " no longer holds " + from);
        files.put(file, was.replace(from, to));
        return files;
    }

    private static Map<String, String> append(String file, String lines) throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        files.put(file, files.get(file) + lines);
        return files;
    }

    @Test
    void theShippedTablesPass() {
        assertDoesNotThrow(() -> new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(RulesetLoaderTest.shippedFiles()));
    }

    @Test
    void aFactorNoRuleReadsIsRefusedAtItsRow() throws Exception {
        refusedFor(edit(FACTORS, "COMPLAINTS,1,,15", "COMPLIANTS,1,,15"),
                d -> d.file().equals("rules/" + FACTORS) && d.line() > 1 && d.message().contains("factor COMPLIANTS is read by no rule"));
    }

    @Test
    void twoRowsForOneValueOrOneLevelAreRefused() throws Exception {
        refusedFor(append(FACTORS, "RECURRENCE,2,,6,两年内第 {value} 次违法,BENCHMARK,LOCAL-default-DISCRETION\n"),
                d -> d.message().contains("duplicate row for RECURRENCE from 2"));
        refusedFor(append(FACTORS, "IMPACT,,LARGE,20,环境影响较大,BENCHMARK,LOCAL-default-DISCRETION\n"),
                d -> d.message().contains("duplicate row for IMPACT level LARGE"));
    }

    @Test
    void aFactorReadByValueNeedsARowFromZero() throws Exception {
        // Without it a first offence (duration 0 days) would find no row and no penalty would be decided.
        refusedFor(edit(FACTORS, "DURATION,0,,0", "DURATION,1,,0"),
                d -> d.file().equals(DECISIONS) && d.line() > 1 && d.message().contains("DURATION")
                        && d.message().contains("no row of it from 0"));
    }

    @Test
    void aFactorReadByLevelNeedsEveryImpactGrade() throws Exception {
        Map<String, String> files = edit(FACTORS, "IMPACT,,MAJOR,32,环境影响重大,BENCHMARK,LOCAL-default-DISCRETION\n", "");
        refusedFor(files, d -> d.file().equals(DECISIONS) && d.message().contains("IMPACT") && d.message().contains("MAJOR"));
    }

    @Test
    void aRowOfTheWrongShapeIsRefused() throws Exception {
        refusedFor(edit(FACTORS, "IMPACT,,MAJOR,32", "IMPACT,,HUGE,32"), d -> d.message().contains("level must be one of")
                && d.message().contains("HUGE"));
        refusedFor(edit(FACTORS, "COMPLAINTS,1,,15", "COMPLAINTS,1,,150"), d -> d.message().contains("percent must be"));
        refusedFor(edit(FACTORS, "IMPACT_BY_CODES,2,MEDIUM,,", "IMPACT_BY_CODES,2,MEDIUM,5,"),
                d -> d.message().contains("a reading row"));
        refusedFor(edit(FACTORS, "IMPACT,,SMALL,0", "IMPACT,1,SMALL,0"), d -> d.message().contains("read by level"));
    }

    @Test
    void aCampaignPolicyNoRuleReadsOrWithoutItsDefaultIsRefused() throws Exception {
        refusedFor(append(CAMPAIGN, "KEY_PROJECTS_MAXIMUM,,true,拼错的政策,LOCAL-default-DISCRETION\n"),
                d -> d.file().equals("rules/" + CAMPAIGN) && d.message().contains("KEY_PROJECTS_MAXIMUM is read by no rule"));
        refusedFor(edit(CAMPAIGN, "ALERT_MAXIMUM,,true,", "ALERT_MAXIMUM,zhengzhou,true,"),
                d -> d.file().equals(DECISIONS) && d.message().contains("no default row of it"));
        refusedFor(append(CAMPAIGN, "ALERT_MAXIMUM,shaoxing,true,又一行,LOCAL-default-DISCRETION\n"),
                d -> d.message().contains("duplicate row for ALERT_MAXIMUM in shaoxing"));
    }

    @Test
    void aCampaignRowForAJurisdictionWithoutItsLabelIsRefused() throws Exception {
        refusedFor(append(CAMPAIGN, "ALERT_MAXIMUM,shaoxng,false,拼错的辖区,LOCAL-default-DISCRETION\n"),
                d -> d.message().contains("shaoxng"));
    }

    @Test
    void theBenchmarkNeedsTheWordingOfItsCalculation() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        files.put(PARAMETERS, files.get(PARAMETERS).lines().filter(l -> !l.startsWith("penalty.calculation.greater,"))
                .reduce("", (a, b) -> a + b + "\n"));
        refusedFor(files, d -> d.file().equals(DECISIONS) && d.message().contains("penalty.calculation.greater"));
        refusedFor(edit(PARAMETERS, "penalty.calculation.factor,{factor} +{percent}%,text,", "penalty.calculation.factor,5,number,"),
                d -> d.message().contains("penalty.calculation.factor must be of type text"));
        refusedFor(edit(PARAMETERS, "取二者之高 {fine} 元", "取二者之高 {fin} 元"),
                d -> d.message().contains("penalty.calculation.greater shows {fin}"));
    }
}
