package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A rules folder either loads whole or is refused with the file, line and column at fault. */
class RulesetLoaderTest {
    private static final Path SHIPPED = Path.of("rules");

    static Map<String, String> shippedFiles() throws IOException {
        return new TreeMap<>(RulesetLoader.files(SHIPPED));
    }

    private static List<Diagnostic> rejected(Map<String, String> files) {
        return assertThrows(RulesetException.class, () -> new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files)).diagnostics();
    }

    @Test
    void theShippedRulesLoadWithTheirStandards() throws Exception {
        Ruleset r = new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(SHIPPED);
        assertEquals(List.of("SIX", "SEVEN", "EIGHT", "TEN"), r.referenceToday(cn.lantian.PinnedClock.fixed()).standards());
        assertEquals(List.of("ENCLOSURE", "STOCKPILE_COVER", "WET_WORK", "ROAD_HARDENING", "VEHICLE_WASHING",
                "SEALED_TRANSPORT"), r.referenceToday(cn.lantian.PinnedClock.fixed()).itemsOf("SIX"));
        assertTrue(r.version().matches("sha256:[0-9a-f]{64}"), r.version());
    }

    @Test
    void theVersionIsTheHashOfTheContent() throws Exception {
        Map<String, String> files = shippedFiles();
        String before = new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files).version();
        assertEquals(before, new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files).version());
        files.put("dust/parameters.csv", files.get("dust/parameters.csv").replace("pm10.hourlyLimit,150", "pm10.hourlyLimit,120"));
        assertTrue(!before.equals(new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files).version()));
    }

    @Test
    void aSyntaxErrorIsReportedWithItsFileLineAndColumn() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("dust/broken.drl", """
                package dust
                import cn.lantian.fact.*;

                rule "A broken rule"
                    @code("BROKEN") @title("坏规则") @legalBasis("APPCL-115")
                when
                    SiteBlock.Stockpiles( count > )
                then
                end
                """);
        List<Diagnostic> d = rejected(files);
        Diagnostic first = d.get(0);
        assertEquals("rules/dust/broken.drl", first.file(), d.toString());
        assertEquals(7, first.line(), d.toString());
        assertTrue(first.column() > 0, d.toString());
    }

    @Test
    void aRuleWithoutItsLegalBasisIsRefused() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("dust/no-basis.drl", """
                package dust
                import cn.lantian.fact.*;

                rule "A rule that cites no law"
                    @code("STOCKPILE_COVER") @title("物料堆放覆盖")
                when
                    SiteBlock.Stockpiles( count > 100 )
                then
                end
                """);
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/dust/no-basis.drl")
                && x.message().contains("@legalBasis")), d.toString());
    }

    @Test
    void twoTitlesForOneCodeAreRefused() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("dust/clash.drl", """
                package dust
                import cn.lantian.fact.*;

                rule "Another stockpile rule under another name"
                    @code("STOCKPILE_COVER") @title("堆土覆盖") @legalBasis("APPCL-115")
                when
                    SiteBlock.Stockpiles( count > 100 )
                then
                end
                """);
        assertTrue(rejected(files).stream().anyMatch(x -> x.message().contains("STOCKPILE_COVER")));
    }

    @Test
    void tableMistakesPointAtTheirRow() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("jurisdictions.csv", files.get("jurisdictions.csv") + "kaifeng,NINE,LOCAL-kaifeng-DUST\n");
        files.put("dust/standards.csv", files.get("dust/standards.csv") + "SIX,ENCLOSURE,BLUESKY-2018\nTEN,GREEN_FENCE,LOCAL-default-DUST\n");
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/jurisdictions.csv") && x.line() > 1
                && x.message().contains("NINE")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/dust/standards.csv")
                && x.message().contains("duplicate row for SIX ENCLOSURE")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.message().contains("GREEN_FENCE")), d.toString());
    }

    @Test
    void anUnknownTableOrColumnIsRefused() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("dust/thresholds.csv", "name,value\nx,1\n");
        files.put("penalties/parameters.csv", "name,value,unit,title,legalBasis,comment\nx,1,h,t,APPCL,c\n");
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/dust/thresholds.csv")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/penalties/parameters.csv")
                && x.message().contains("comment")), d.toString());
    }

    @Test
    void everyLegalBasisCitedMustBeInTheTableAndEveryRangeWhole() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("dust/uncited.drl", """
                package dust
                import cn.lantian.fact.*;

                rule "A rule citing an article nobody wrote down"
                    @code("STOCKPILE_COVER") @title("物料堆放覆盖") @legalBasis("APPCL-999")
                when
                    SiteBlock.Stockpiles( count > 100 )
                then
                end
                """);
        files.put("penalties/legal-bases.csv", files.get("penalties/legal-bases.csv")
                + "LOCAL-x-1,x,APPCL-115,某地条例,90000,20000,true,,倒置的罚款幅度\n");
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/dust/uncited.drl") && x.message().contains("APPCL-999")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.message().contains("LOCAL-x-1") && x.message().contains("above the maximum")), d.toString());
    }

    @Test
    void aProductionTableWithAMissingCellIsRefused() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("enterprises/production-measures.csv", files.get("enterprises/production-measures.csv")
                .replace("D,ORANGE,STOP_PRODUCTION,,APPCL-96\n", ""));
        assertTrue(rejected(files).stream().anyMatch(x -> x.message().contains("no row for grade D at ORANGE")));
    }

    @Test
    void anEmptyCellIsRefused() throws Exception {
        Map<String, String> files = shippedFiles();
        files.put("dust/parameters.csv", files.get("dust/parameters.csv") + "pm25.limit,,µg/m³,PM2.5,LOCAL-default-DUST\n");
        assertTrue(rejected(files).stream().anyMatch(x -> x.message().contains("value")));
    }
}
