package cn.lantian.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decisions kept whole and history derived from them: read back identical, listed newest first, a
 * repeat fined at the top and a follow-up fined by the day with no history sent, a passing follow-up
 * closing the order, the alert registry and the orders it sends out, replay under the current rules.
 */
@QuarkusTest
class LedgerTest {

    static String site(String subject, String jurisdiction, String at, String site) {
        return "{\"inspectedAt\": \"" + at + "\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject + "\", "
                + "\"name\": \"测试工地\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, \"site\": " + site + "}";
    }

    static JsonPath post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations")
                .then().statusCode(200).extract().jsonPath();
    }

    private static final String UNCOVERED = "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}";
    private static final String EARTHWORK = "{\"activities\": [\"EARTHWORK\"], \"stockpiles\": {\"count\": 4, \"covered\": 4}}";

    @Test
    void anEvaluationReadsBackExactlyAsAnswered() {
        String subject = "S-" + UUID.randomUUID();
        String answered = given().contentType(ContentType.JSON)
                .body(site(subject, "zhengzhou", "2026-12-10T09:00:00+08:00", UNCOVERED))
                .post("/api/v1/evaluations").then().statusCode(200).extract().asString();
        String id = JsonPath.from(answered).getString("evaluationId");
        String read = given().get("/api/v1/evaluations/" + id).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString();
        assertEquals(answered, read);
        given().get("/api/v1/evaluations/" + id + "/record").then().statusCode(200)
                .body("subjectId", equalTo(subject))
                .body("request", equalTo(site(subject, "zhengzhou", "2026-12-10T09:00:00+08:00", UNCOVERED)))
                .body("decision", equalTo(answered));
        given().get("/api/v1/evaluations/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void historyComesFromTheStoreWhenTheRequestBringsNone() {
        String subject = "S-" + UUID.randomUUID();
        // 12-10: first inspection, one uncovered stockpile: the minimum fine and an order to correct
        JsonPath first = post(site(subject, "zhengzhou", "2026-12-10T09:00:00+08:00", UNCOVERED));
        assertEquals(10000, first.getInt("penalties[0].recommendedFineYuan"));
        // 12-14: still uncovered and a new failure: NOT_RECTIFIED by the day; the new one is the second violation
        // under APPCL-115 in two years (the store counts it): [10% + 5% × 90%] × 100000 = 14500
        JsonPath followUp = post(site(subject, "zhengzhou", "2026-12-14T10:30:00+08:00",
                "{\"stockpiles\": {\"count\": 4, \"covered\": 3}, \"roads\": {\"areaM2\": 10, \"hardenedM2\": 5}}"));
        assertEquals(java.util.List.of("STOCKPILE_COVER", "ROAD_HARDENING", "NOT_RECTIFIED"), followUp.getList("violations.code"));
        assertEquals(4, followUp.getInt("penalties.find { it.legalBasis == 'EEC-AIR-123' }.days"));
        assertEquals(40000, followUp.getInt("penalties.find { it.legalBasis == 'EEC-AIR-123' }.recommendedFineYuan"));
        assertEquals(14500, followUp.getInt("penalties.find { it.legalBasis == 'EEC-AIR-115' }.recommendedFineYuan"));
        // 12-20: all put right: compliant, and the order is closed
        JsonPath passed = post(site(subject, "zhengzhou", "2026-12-20T10:00:00+08:00",
                "{\"stockpiles\": {\"count\": 4, \"covered\": 4}, \"roads\": {\"areaM2\": 10, \"hardenedM2\": 10}}"));
        assertEquals(true, passed.getBoolean("compliant"));
        // 12-28: a new failure is the third under APPCL-115 in two years, [10% + 11% × 90%] × 100000 = 19900,
        // but no longer a follow-up
        JsonPath later = post(site(subject, "zhengzhou", "2026-12-28T10:00:00+08:00", UNCOVERED));
        assertEquals(java.util.List.of("STOCKPILE_COVER"), later.getList("violations.code"));
        assertEquals(19900, later.getInt("penalties[0].recommendedFineYuan"));

        given().get("/api/v1/subjects/" + subject + "/evaluations?size=3").then().statusCode(200)
                .body("total", equalTo(4))
                .body("evaluations", hasSize(3))
                .body("evaluations.inspectedAt", contains("2026-12-28T10:00:00+08:00", "2026-12-20T10:00:00+08:00",
                        "2026-12-14T10:30:00+08:00"));
        given().get("/api/v1/subjects/" + subject + "/evaluations?page=1&size=3").then()
                .body("evaluations.inspectedAt", contains("2026-12-10T09:00:00+08:00"));
        given().get("/api/v1/subjects/" + subject + "/evaluations?size=0").then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void aHistorySentWithTheRequestIsUsedAsSent() {
        String subject = "S-" + UUID.randomUUID();
        // an earlier violation under the same article, whose case stays open (the fence is not looked at again)
        post(site(subject, "zhengzhou", "2026-12-10T09:00:00+08:00",
                "{\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 399, \"minHeightM\": 2.5, \"alongMainRoad\": true}}"));
        String withHistory = site(subject, "zhengzhou", "2026-12-14T10:30:00+08:00", UNCOVERED)
                .replace("\"site\":", "\"history\": {\"violationsLast12Months\": 0}, \"site\":");
        // the counts as sent: a first violation under the article, fined at the benchmark's start
        JsonPath decided = post(withHistory);
        assertEquals(10000, decided.getInt("penalties.find { it.violations.contains('STOCKPILE_COVER') }.recommendedFineYuan"));
    }

    @Test
    void anEvaluationWithoutALevelIsHeldToTheAlertInForce() {
        String city = "city-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"level\": \"ORANGE\", \"from\": \"2026-12-15T00:00:00+08:00\", \"to\": \"2026-12-18T00:00:00+08:00\"}")
                .put("/api/v1/alerts/" + city).then().statusCode(200)
                .body("level", equalTo("ORANGE"));
        String subject = "S-" + UUID.randomUUID();
        JsonPath during = post(site(subject, city, "2026-12-16T10:00:00+08:00", EARTHWORK));
        assertEquals(java.util.List.of("ALERT_ORDER_IGNORED"), during.getList("violations.code"));
        JsonPath after = post(site("S-" + UUID.randomUUID(), city, "2026-12-18T10:00:00+08:00",
                EARTHWORK));
        assertEquals(true, after.getBoolean("compliant"));

        given().queryParam("at", "2026-12-16T20:00:00+08:00").get("/api/v1/alerts/" + city + "/orders").then().statusCode(200)
                .body("level", equalTo("ORANGE"))
                .body("subjects.subjectId", hasItem(subject))
                .body("subjects.find { it.subjectId == '" + subject + "' }.orders.activity", hasItem("MUCK_TRANSPORT"));
        given().queryParam("at", "2026-12-19T20:00:00+08:00").get("/api/v1/alerts/" + city + "/orders").then()
                .body("level", equalTo("NONE"))
                .body("subjects[0].orders", hasSize(0));
        given().get("/api/v1/alerts/" + city).then().body("level", contains("ORANGE"));
    }

    @Test
    void aBadDeclarationIsRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"level\": \"PURPLE\", \"from\": \"2026-12-15T00:00:00+08:00\"}")
                .put("/api/v1/alerts/zhengzhou").then().statusCode(400).body("errors.field", hasItem("level"));
        given().contentType(ContentType.JSON)
                .body("{\"level\": \"RED\", \"from\": \"2026-12-15T00:00:00+08:00\", \"to\": \"2026-12-14T00:00:00+08:00\"}")
                .put("/api/v1/alerts/zhengzhou").then().statusCode(400).body("errors.field", hasItem("to"));
        given().get("/api/v1/alerts/zhengzhou/orders?at=tonight").then().statusCode(400).body("errors.field", hasItem("at"));
    }

    @Test
    void aStoredEvaluationReplaysIdenticallyUnderTheSameRules() {
        String id = post(site("S-" + UUID.randomUUID(), "zhengzhou", "2026-12-10T09:00:00+08:00", UNCOVERED))
                .getString("evaluationId");
        given().post("/api/v1/evaluations/" + id + "/replay").then().statusCode(200)
                .body("identical", equalTo(true))
                .body("replayed.violations", contains("STOCKPILE_COVER"));
    }

    @Test
    void aPreviewIsNeitherStoredNorDerived() {
        String subject = "S-" + UUID.randomUUID();
        post(site(subject, "zhengzhou", "2026-12-10T09:00:00+08:00", UNCOVERED));
        String id = given().contentType(ContentType.JSON)
                .body(site(subject, "zhengzhou", "2026-12-14T10:30:00+08:00", UNCOVERED))
                .post("/api/v1/evaluations?record=false").then().statusCode(200)
                .body("violations.code", not(hasItem("NOT_RECTIFIED")))
                .extract().path("evaluationId");
        given().get("/api/v1/evaluations/" + id).then().statusCode(404);
        given().get("/api/v1/subjects/" + subject + "/evaluations").then().body("total", equalTo(1));
    }
}
