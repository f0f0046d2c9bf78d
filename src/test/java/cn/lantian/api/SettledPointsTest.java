package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.audit.Comparison;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settled points of domain.md section 7 that the fixture format cannot state (messages, what a
 * self-check "now" means at any hour, one instant one decision) and the requests they make invalid.
 */
@QuarkusTest
class SettledPointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    PinnedClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static String site(String at, String site) {
        return "{" + (at == null ? "" : "\"inspectedAt\": \"" + at + "\", ")
                + "\"subject\": {\"kind\": \"SITE\", \"id\": \"ST-1\", \"jurisdiction\": \"zhengzhou\"}, \"site\": " + site + "}";
    }

    private static JsonPath preview(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations?record=false")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theNightIsTheJurisdictionsNightAndTheMessageSaysItsLocalTime() {
        JsonPath d = preview(site("2026-12-14T15:30:00Z", "{\"activities\": [\"EARTHWORK\"]}"));
        assertEquals(List.of("NIGHT_EARTHWORK"), d.getList("violations.code"));
        assertTrue(d.getString("violations[0].message").contains("当地时间 23:30"), d.getString("violations[0].message"));
    }

    @Test
    void oneInstantGetsOneDecisionWhateverOffsetItIsWrittenIn() throws Exception {
        String[] sameInstant = {"2026-12-14T23:30:00+08:00", "2026-12-14T15:30:00Z", "2026-12-14T10:30:00-05:00",
                "2026-12-15T00:30:00+09:00"};
        JsonNode first = null;
        for (String at : sameInstant) {
            String body = site(at, "{\"activities\": [\"EARTHWORK\"], \"stockpiles\": {\"count\": 4, \"covered\": 3}}");
            JsonNode essence = Comparison.essence(JSON.readTree(given().contentType(ContentType.JSON).body(body)
                    .post("/api/v1/evaluations?record=false").then().statusCode(200).extract().asString()));
            // the RECTIFY deadline is written in the request's own offset: the same instant, other text
            for (JsonNode o : essence.path("orders")) {
                if (o.has("deadline")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) o).put("deadline",
                            OffsetDateTime.parse(o.get("deadline").asText()).toInstant().toString());
                }
            }
            if (first == null) {
                first = essence;
            } else {
                assertEquals(first, essence, at);
            }
        }
    }

    @Test
    void anOrderDateIsPrintedInTheJurisdictionsCalendar() {
        // ordered 16:30 UTC on 12-10, which is 00:30 on 12-11 in Beijing
        String body = site("2026-12-14T10:30:00+08:00", "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}");
        JsonPath d = preview(body.substring(0, body.length() - 1) + ", \"history\": {\"rectifications\": [{"
                + "\"orderedAt\": \"2026-12-10T16:30:00Z\", \"items\": [\"STOCKPILE_COVER\"], \"originalFineYuan\": 10000}]}}");
        String notRectified = d.getString("violations.find { it.code == 'NOT_RECTIFIED' }.message");
        assertTrue(notRectified.startsWith("2026-12-11 "), notRectified);
        String reason = d.getString("penalties.find { it.legalBasis == 'EEC-AIR-123' }.reason");
        assertTrue(reason.startsWith("2026-12-11 责令改正，2026-12-14 复查"), reason);
        assertEquals(3, d.getInt("penalties.find { it.legalBasis == 'EEC-AIR-123' }.days"));
    }

    @Test
    void everyAnswerSaysWhichItemsOfTheStandardWereInspected() {
        // zhengzhou holds its sites to EIGHT
        preview(site("2026-12-14T10:30:00+08:00", "{\"stockpiles\": {\"count\": 4, \"covered\": 4}, "
                + "\"roads\": {\"areaM2\": 100, \"hardenedM2\": 100}}"));
        given().contentType(ContentType.JSON)
                .body(site("2026-12-14T10:30:00+08:00", "{\"stockpiles\": {\"count\": 4, \"covered\": 4}, "
                        + "\"roads\": {\"areaM2\": 100, \"hardenedM2\": 100}}"))
                .post("/api/v1/evaluations?record=false").then().statusCode(200)
                .body("compliant", equalTo(true))
                .body("inspected", contains("STOCKPILE_COVER", "ROAD_HARDENING"))
                .body("notInspected", contains("ENCLOSURE", "WET_WORK", "VEHICLE_WASHING", "SEALED_TRANSPORT",
                        "ONLINE_MONITORING", "NON_ROAD_MACHINERY"));
        // an alert round that only checks that work has stopped is a real inspection, of no item
        given().contentType(ContentType.JSON).body(site("2026-12-14T10:30:00+08:00", "{\"activities\": []}"))
                .post("/api/v1/evaluations?record=false").then().statusCode(200)
                .body("inspected", equalTo(List.of()))
                .body("notInspected", hasItem("ENCLOSURE"));
        // a plant is checked on the enterprise items
        given().contentType(ContentType.JSON).body("""
                {"inspectedAt": "2026-12-14T10:30:00+08:00", "subject": {"kind": "ENTERPRISE", "id": "E-7"},
                 "enterprise": {"industry": "CEMENT", "performanceGrade": "B", "productionLoadPercent": 80}}
                """).post("/api/v1/evaluations?record=false").then().statusCode(200)
                .body("inspected", hasItem("ALERT_MEASURE_NOT_IMPLEMENTED"))
                .body("notInspected", hasItem("AUTO_MONITORING"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a site record with no site block          | site | {}",
        "a site block that records nothing         | site | {\"site\": {}}",
        "night work alone is no inspection         | site | {\"site\": {\"nightWork\": true}}",
        "both forms of the open orders             | history.rectifications | {\"site\": {\"activities\": []}, \"history\": {\"rectification\": {\"orderedAt\": \"2026-12-10T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1}, \"rectifications\": []}}",
        "an item under two open orders             | history.rectifications[1].items[0] | {\"site\": {\"activities\": []}, \"history\": {\"rectifications\": [{\"orderedAt\": \"2026-12-10T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1}, {\"orderedAt\": \"2026-12-11T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1}]}}",
        "a claim of an item the order did not name | history.rectifications[0].claimedRectified[0] | {\"site\": {\"activities\": []}, \"history\": {\"rectifications\": [{\"orderedAt\": \"2026-12-10T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1, \"claimedRectified\": [\"WET_WORK\"]}]}}",
        "an order made after the follow-up         | history.rectification.orderedAt | {\"site\": {\"activities\": []}, \"history\": {\"rectification\": {\"orderedAt\": \"2026-12-15T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1}}}",
        "an unknown code in a listed order         | history.rectifications[0].items[0] | {\"site\": {\"activities\": []}, \"history\": {\"rectifications\": [{\"orderedAt\": \"2026-12-10T09:00:00+08:00\", \"items\": [\"FENCE\"], \"originalFineYuan\": 1}]}}",
    })
    void aRecordTheSettledPointsRuleOutIsRefused(String what, String field, String rest) {
        String body = "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ST-2\", "
                + "\"standard\": \"SIX\"}" + (rest.equals("{}") ? "" : ", " + rest.substring(1, rest.length() - 1)) + "}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations?record=false")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    static Stream<Instant> instants() {
        return Stream.of(PinnedClock.INSTANTS);
    }

    /**
     * A self-check with no time is "now" by the service's clock, read in the jurisdiction's calendar:
     * the same digging site fails night earthwork exactly when it is night in Beijing, at every pinned
     * instant, whatever the machine's own time zone.
     */
    @ParameterizedTest
    @MethodSource("instants")
    void aSelfCheckNowIsTheServicesClockInTheJurisdictionsCalendar(Instant now) {
        clock.set(now);
        OffsetDateTime local = OffsetDateTime.ofInstant(now, BEIJING);
        boolean night = local.getHour() >= 22 || local.getHour() < 6;
        JsonPath r = given().contentType(ContentType.JSON).body(site(null, "{\"activities\": [\"EARTHWORK\"]}"))
                .post("/api/v1/self-checks").then().statusCode(200).extract().jsonPath();
        assertEquals(local.toString().replace("Z", "+00:00").substring(0, 16), r.getString("assessedAt").substring(0, 16));
        assertTrue(r.getString("assessedAt").endsWith("+08:00"), r.getString("assessedAt"));
        assertEquals(night, r.getList("levels[0].violations.code").contains("NIGHT_EARTHWORK"), "at " + local);
    }

    /** The checklist lists the tables of the clock's day in the jurisdiction's calendar, at any hour. */
    @ParameterizedTest
    @MethodSource("instants")
    void aChecklistIsTheRulesOfTodayAtAnyHour(Instant now) {
        clock.set(now);
        given().get("/api/v1/checklists/EIGHT").then().statusCode(200)
                .body("standard", equalTo("EIGHT"))
                .body("items.code", hasItem("NON_ROAD_MACHINERY"));
        given().get("/api/v1/alerts/zhengzhou/orders").then().statusCode(200)
                .body("at", containsString("+08:00"));
    }
}
