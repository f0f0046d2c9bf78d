package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.fact.AlarmRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alarm table (monitoring/alarms.csv) says which fact of an inspection record an inspector's confirmation of each
 * alarm gives: the loader reads it, and refuses a field the record does not have, a value it does not know, a value of
 * the wrong type for the field, or a field without a value, each at its row.
 */
class AlarmTableTest {
    private static final String FILE = "monitoring/alarms.csv";

    private static List<Diagnostic> rejected(String from, String to) throws java.io.IOException {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        String table = files.get(FILE);
        assertTrue(table.contains(from), from);
        files.put(FILE, table.replace(from, to));
        return assertThrows(RulesetException.class, () -> new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files)).diagnostics();
    }

    @Test
    void theShippedTableGivesAConfirmedPm10AlarmItsPeakHourAndAnOfflineMonitorItsConnection() throws Exception {
        Ruleset rules = new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(RulesetLoaderTest.shippedFiles());
        AlarmRule pm10 = rules.referenceAt(java.time.LocalDate.parse("2026-12-14")).alarmRule("PM10_EXCEEDED").get(0);
        assertEquals("site.pm10HourlyUgM3", pm10.inspectionField());
        assertEquals(AlarmRule.PEAK_HOUR_MEAN, pm10.inspectionValue());
        AlarmRule offline = rules.referenceAt(java.time.LocalDate.parse("2026-12-14")).alarmRule("MONITOR_OFFLINE").get(0);
        assertEquals("site.monitoring.connected", offline.inspectionField());
        assertEquals("false", offline.inspectionValue());
        AlarmRule suspect = rules.referenceAt(java.time.LocalDate.parse("2026-12-14")).alarmRule("MONITOR_SUSPECT").get(0);
        assertEquals(null, suspect.inspectionField());
    }

    @Test
    void aFieldTheRecordDoesNotHaveIsRefusedAtItsRow() throws Exception {
        List<Diagnostic> d = rejected("site.pm10HourlyUgM3,PEAK_HOUR_MEAN", "site.pm25HourlyUgM3,PEAK_HOUR_MEAN");
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).message().contains("site.pm25HourlyUgM3 is not a field"), d.toString());
        assertEquals(FILE, d.get(0).file().replace("rules/", ""));
    }

    @Test
    void aValueOfTheWrongKindOrUnknownIsRefused() throws Exception {
        List<Diagnostic> wrongType = rejected("site.monitoring.connected,false", "site.monitoring.connected,PEAK_HOUR_MEAN");
        assertTrue(wrongType.get(0).message().contains("is a bool"), wrongType.toString());
        List<Diagnostic> unknown = rejected("site.monitoring.connected,false", "site.monitoring.connected,no");
        assertTrue(unknown.get(0).message().contains("is not one of"), unknown.toString());
        List<Diagnostic> half = rejected("site.monitoring.connected,false", "site.monitoring.connected,");
        assertTrue(half.get(0).message().contains("together"), half.toString());
    }
}
