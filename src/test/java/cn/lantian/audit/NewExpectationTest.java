package cn.lantian.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.fixture.FixtureMatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A case's expectation rewritten to a new answer: only what it asserted, and it then holds. */
class NewExpectationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aCaseThatAssertedNoneNamesTheNewEntriesByWhatIdentifiesThem() throws Exception {
        JsonNode expect = json("{'compliant': true, 'violations': [], 'orders': []}");
        JsonNode decision = json("{'compliant': false, 'violations': [{'code': 'PM10_EXCEEDED', 'message': 'x'}],"
                + " 'orders': [{'type': 'RECTIFY', 'violation': 'PM10_EXCEEDED', 'deadline': '2026-12-15T10:30:00+08:00', 'reason': 'r'},"
                + " {'type': 'INTENSIFY_DUST_CONTROL', 'reason': 'r'}], 'penalties': [{'legalBasis': 'LOCAL-default-DUST'}]}");
        JsonNode proposed = NewExpectation.of(expect, decision);
        assertEquals(json("{'compliant': false, 'violations': ['PM10_EXCEEDED'], 'orders': [{'type': 'RECTIFY', "
                + "'violation': 'PM10_EXCEEDED'}, {'type': 'INTENSIFY_DUST_CONTROL'}]}"), proposed);
        assertTrue(FixtureMatcher.mismatches(proposed, decision).isEmpty());
    }

    @Test
    void anEntryThatStillMatchesStaysAChangedOneTakesItsCounterpartsValuesAndOneGoneIsDropped() throws Exception {
        JsonNode expect = json("{'orders': [{'type': 'RECTIFY', 'violation': 'ENCLOSURE', 'deadline': '2026-12-17T10:30:00+08:00'},"
                + " {'type': 'STOP_ACTIVITY', 'activity': 'EARTHWORK'}],"
                + " 'penalties': [{'legalBasis': 'EEC-AIR-115', 'fineMinYuan': 10000, 'recommendedFineYuan': 19000}]}");
        JsonNode decision = json("{'compliant': false, 'violations': [{'code': 'ENCLOSURE'}],"
                + " 'orders': [{'type': 'RECTIFY', 'violation': 'ENCLOSURE', 'deadline': '2026-12-17T10:30:00+08:00'}],"
                + " 'penalties': [{'legalBasis': 'EEC-AIR-115', 'fineMinYuan': 20000, 'fineMaxYuan': 80000, 'recommendedFineYuan': 23600}]}");
        JsonNode proposed = NewExpectation.of(expect, decision);
        assertEquals(json("{'orders': [{'type': 'RECTIFY', 'violation': 'ENCLOSURE', 'deadline': '2026-12-17T10:30:00+08:00'}],"
                + " 'penalties': [{'legalBasis': 'EEC-AIR-115', 'fineMinYuan': 20000, 'recommendedFineYuan': 23600}]}"), proposed);
        assertTrue(FixtureMatcher.mismatches(proposed, decision).isEmpty());
    }

    @Test
    void aClassificationTakesTheNewLevel() throws Exception {
        assertEquals(json("{'level': 'RED'}"), NewExpectation.of(json("{'level': 'ORANGE'}"), json("{'level': 'RED', 'episodes': []}")));
    }
}
