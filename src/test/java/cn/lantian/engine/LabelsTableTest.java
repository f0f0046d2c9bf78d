package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.checklist.Checklist;
import cn.lantian.fact.Activity;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Reference;
import cn.lantian.selfcheck.SelfCheckReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The labels table names every code once: the loader refuses a code left unnamed, named twice, or a name
 * for a code that does not exist; the rules read the names through {@code ref.label}.
 */
class LabelsTableTest {
    private static Map<String, String> shipped() throws Exception {
        return new TreeMap<>(RulesetLoader.files(Path.of("rules")));
    }

    private static List<Diagnostic> rejected(Map<String, String> files) {
        return assertThrows(RulesetException.class, () -> new RulesetLoader(PinnedClock.fixed()).load(files)).diagnostics();
    }

    private static void assertRefused(List<Diagnostic> d, String message) {
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/labels.csv") && x.message().contains(message)), d.toString());
    }

    @Test
    void theRulesReadTheShippedLabelsByKindAndCode() throws Exception {
        Reference ref = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules")).referenceToday(PinnedClock.fixed());
        assertEquals("土方作业", ref.label("ACTIVITY", Activity.EARTHWORK));
        assertEquals("国四", ref.label("VEHICLE_STANDARD", "CN4"));
        assertEquals("橙色预警（II级）", ref.label("ALERT_LEVEL", AlertLevel.ORANGE));
        // a repealed article is read as its successor in force on the day (EPL-63 → EEC-EPL-63 from 2026-08-15)
        assertEquals("《生态环境法典》（原《环境保护法》第六十三条对应条款，条款号待核）", ref.label(Reference.LEGAL_BASIS, "EPL-63"));
        assertEquals("米", ref.unitOf("site.enclosure.perimeterM"));
        assertNull(ref.unitOf("site.enclosure.alongMainRoad"));
        // a code the table does not name stands for itself, so a message never loses what it says
        assertEquals("CN9", ref.label("VEHICLE_STANDARD", "CN9"));
        assertEquals("", ref.label("ACTIVITY", null));
    }

    @Test
    void aCodeWithoutItsLabelIsRefused() throws Exception {
        Map<String, String> files = shipped();
        files.put("labels.csv", files.get("labels.csv").replace("ACTIVITY,SLOPE_SHOTCRETE,边坡喷浆,\n", "")
                .replace("VEHICLE_STANDARD,CN5,国五,\n", "").replace("FIELD,site.roads.hardenedM2,已硬化面积,m²\n", ""));
        List<Diagnostic> d = rejected(files);
        assertRefused(d, "no label for ACTIVITY SLOPE_SHOTCRETE");
        assertRefused(d, "no label for VEHICLE_STANDARD CN5");
        assertRefused(d, "no label for FIELD site.roads.hardenedM2");
    }

    @Test
    void aStandardOrJurisdictionTheTablesAddNeedsItsLabel() throws Exception {
        Map<String, String> files = shipped();
        files.put("jurisdictions.csv", files.get("jurisdictions.csv") + "kaifeng,SIX,LOCAL-zhengzhou-DUST\n");
        files.put("dust/standards.csv", files.get("dust/standards.csv") + "FIVE,ENCLOSURE,BLUESKY-2018\n");
        List<Diagnostic> d = rejected(files);
        assertRefused(d, "no label for JURISDICTION kaifeng");
        assertRefused(d, "no label for STANDARD FIVE");
    }

    @Test
    void twoLabelsForACodeOrALabelForNoCodeAreRefusedAtTheirRow() throws Exception {
        Map<String, String> files = shipped();
        files.put("labels.csv", files.get("labels.csv") + "ACTIVITY,EARTHWORK,土石方作业,\nACTIVITY,DIGGING,挖掘,\n"
                + "COLOUR,RED,红色,\nFIELD,site.enclosure.lengthM,围挡长度,米\nSTANDARD,NINE,九个百分之百,\n"
                + "ALERT_LEVEL,NONE2,无,米\nLEGAL_BASIS,APPCL-115,第一百一十五条,\n");
        List<Diagnostic> d = rejected(files);
        assertRefused(d, "duplicate row for ACTIVITY EARTHWORK");
        assertRefused(d, "ACTIVITY has no code DIGGING");
        assertRefused(d, "unknown kind COLOUR");
        assertRefused(d, "FIELD has no code site.enclosure.lengthM");
        assertRefused(d, "STANDARD has no code NINE");
        assertRefused(d, "only a FIELD has a unit");
        assertRefused(d, "legal-bases.csv");
        assertTrue(d.stream().allMatch(x -> !x.file().equals("rules/labels.csv") || x.line() > 1 || x.message().startsWith("no label")),
                d.toString());
    }

    @Test
    void aTruckBanNamesAStandardTheRecordCounts() throws Exception {
        Map<String, String> files = shipped();
        files.put("enterprises/truck-bans.csv", files.get("enterprises/truck-bans.csv").replace("C,RED,CN5,", "C,RED,CN7,"));
        assertTrue(rejected(files).stream().anyMatch(x -> x.file().equals("rules/enterprises/truck-bans.csv")
                && x.message().contains("CN7")));
    }

    /** The kinds Java fixes as lists follow the enums that carry those codes elsewhere. */
    @Test
    void theFixedKindsAreTheCodesOfTheirEnums() {
        assertEquals(Arrays.stream(SelfCheckReport.Status.values()).map(Enum::name).toList(),
                LabelKinds.fixedCodes(LabelKinds.ITEM_STATUS));
        assertEquals(Arrays.stream(Checklist.Group.values()).map(Enum::name).toList(),
                LabelKinds.fixedCodes(LabelKinds.CHECKLIST_GROUP));
    }
}
