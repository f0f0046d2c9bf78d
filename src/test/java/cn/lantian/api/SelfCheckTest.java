package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.lantian.PinnedClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * A self-check answers every alert level, every item of the standard, and the gaps worst first. Its
 * records give no time ("now"), so the service's clock is pinned to noon in Beijing here: what the same
 * record gives at night is {@code SettledPointsTest}'s subject.
 */
@QuarkusTest
class SelfCheckTest {
    @Inject
    PinnedClock clock;

    @BeforeEach
    void atNoon() {
        clock.set(PinnedClock.NOON_IN_BEIJING);
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static final String SITE = """
        {"subject": {"kind": "SITE", "id": "ZZ-7", "standard": "EIGHT"},
         "site": {"activities": ["EARTHWORK"],
                  "stockpiles": {"count": 4, "covered": 3},
                  "roads": {"areaM2": 100, "hardenedM2": 100},
                  "monitoring": {"pm10MonitorInstalled": true, "videoInstalled": true, "connected": false}}}
        """;

    private static JsonPath check(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/self-checks")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyAlertLevelIsAnswered() {
        given().contentType(ContentType.JSON).body(SITE).post("/api/v1/self-checks")
                .then().statusCode(200)
                .body("rulesetVersion", startsWith("sha256:"))
                .body("assessedAt", notNullValue())
                .body("levels.alertLevel", contains("NONE", "BLUE", "YELLOW", "ORANGE", "RED"))
                .body("levels[0].violations.code", contains("STOCKPILE_COVER", "ONLINE_MONITORING"))
                .body("levels[0].exposureYuan", equalTo(10000))
                .body("levels[2].violations.code", hasItem("ALERT_ORDER_IGNORED"))
                .body("levels[2].orders.type", hasItem("STOP_ACTIVITY"))
                .body("levels[3].exposureYuan", equalTo(200000))
                .body("levels[4].orders.type", hasItem("STOP_WORK"));
    }

    @Test
    void eachItemOfTheStandardIsPassFailOrNotInspected() {
        JsonPath r = check(SITE);
        assertItem(r, "STOCKPILE_COVER", "FAIL", "物料堆 4 处");
        assertItem(r, "ROAD_HARDENING", "PASS", "符合：");
        assertItem(r, "ONLINE_MONITORING", "FAIL", "PM10 在线监测设备未与监管平台联网");
        assertItem(r, "ENCLOSURE", "NOT_INSPECTED", "未记录：");
        assertItem(r, "NON_ROAD_MACHINERY", "NOT_INSPECTED", "未记录：");
        assertItem(r, "ALERT_ORDER_IGNORED", "FAIL", "");
        // items outside the standard are not listed: TEN's video and bare soil
        given().contentType(ContentType.JSON).body(SITE).post("/api/v1/self-checks")
                .then().body("items.findAll { it.code == 'VIDEO_SURVEILLANCE' }", hasSize(0))
                .body("items.find { it.code == 'ALERT_ORDER_IGNORED' }.failingAt", contains("YELLOW", "ORANGE", "RED"));
    }

    private static void assertItem(JsonPath r, String code, String status, String condition) {
        org.junit.jupiter.api.Assertions.assertEquals(status, r.getString("items.find { it.code == '" + code + "' }.status"), code);
        org.junit.jupiter.api.Assertions.assertTrue(
                r.getString("items.find { it.code == '" + code + "' }.condition").startsWith(condition), code);
    }

    @Test
    void gapsComeWorstFirst() {
        JsonPath r = check(SITE);
        // the uncovered stockpile and the ignored alert both risk the top fine (at ORANGE and RED);
        // the stockpile also fails at every level; the unconnected monitor carries no fine.
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("STOCKPILE_COVER", "ALERT_ORDER_IGNORED", "ONLINE_MONITORING"), r.getList("gaps.code"));
        org.junit.jupiter.api.Assertions.assertEquals(100000, r.getInt("gaps[0].maxFineYuan"));
        org.junit.jupiter.api.Assertions.assertEquals(0, r.getInt("gaps[2].maxFineYuan"));
    }

    @Test
    void aPlantSeesItsOwnChecks() {
        JsonPath r = check("""
            {"subject": {"kind": "ENTERPRISE", "id": "E-9"},
             "enterprise": {"industry": "CEMENT", "performanceGrade": "C", "productionLoadPercent": 60,
                            "heavyDieselTrucksInUse": {"cn4OrBelow": 0, "cn5": 2, "cn6": 5, "electric": 0},
                            "autoMonitoring": {"required": true, "installed": true, "connected": true}}}
            """);
        // grade C: limit 30% at YELLOW (load 60% is within), 50% at ORANGE, stop at RED; CN5 trucks banned from ORANGE
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(true, true, true, false, false),
                r.getList("levels.compliant"));
        assertItem(r, "ALERT_MEASURE_NOT_IMPLEMENTED", "FAIL", "");
        assertItem(r, "HEAVY_DIESEL_TRANSPORT", "FAIL", "");
        assertItem(r, "AUTO_MONITORING", "PASS", "符合：");
        assertItem(r, "EMISSIONS_EXCEEDED", "PASS", "符合：");
        assertItem(r, "PLAN_INSUFFICIENT", "NOT_INSPECTED", "未记录：");
        org.junit.jupiter.api.Assertions.assertEquals("ALERT_MEASURE_NOT_IMPLEMENTED", r.getString("gaps[0].code"));
        org.junit.jupiter.api.Assertions.assertEquals(500000, r.getInt("gaps[0].maxFineYuan"));
    }

    @Test
    void theTimeOfTheCheckIsKeptWhenGiven() {
        given().contentType(ContentType.JSON)
                .body(SITE.replace("{\"subject\"", "{\"inspectedAt\": \"2026-12-14T23:30:00+08:00\", \"subject\""))
                .post("/api/v1/self-checks")
                .then().statusCode(200)
                .body("assessedAt", equalTo("2026-12-14T23:30:00+08:00"))
                .body("levels[0].violations.code", hasItem("NIGHT_EARTHWORK"));
    }

    @Test
    void aBadRecordIsRefusedAsForAnEvaluation() {
        given().contentType(ContentType.JSON)
                .body(SITE.replace("\"covered\": 3", "\"covered\": 5"))
                .post("/api/v1/self-checks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("site.stockpiles.covered"));
    }
}
