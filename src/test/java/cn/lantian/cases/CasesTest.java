package cn.lantian.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rectification cases through the API (contract section 8, domain.md section 11): an inspection's RECTIFY
 * orders open one case per item; the site's own account replies; the follow-up closes what passes and
 * keeps open, NOT_RECTIFIED, what fails, and a failing item the reply said was put right is a fake
 * rectification; overdue is worked out when read; each list shows only what its reader may see.
 */
@QuarkusTest
class CasesTest {
    static final String FENCE_SHORT = "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 399, \"minHeightM\": 2.5, \"alongMainRoad\": true}";
    static final String FENCE_OK = "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 420, \"minHeightM\": 2.5, \"alongMainRoad\": true}";
    static final String PILES_OPEN = "\"stockpiles\": {\"count\": 4, \"covered\": 3}";
    static final String PILES_OK = "\"stockpiles\": {\"count\": 4, \"covered\": 4}";

    @Inject
    PinnedClock clock;

    @Inject
    cn.lantian.store.CaseBook book;

    static List<String> noticesOf(String subject) {
        return given().queryParam("subject", subject).queryParam("size", "100").get("/api/v1/notices").then().statusCode(200)
                .extract().jsonPath().getList("items.event");
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    static String site(String subject, String at, String blocks) {
        return "{\"inspectedAt\": \"" + at + "\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject + "\", "
                + "\"name\": \"测试工地\", \"jurisdiction\": \"zhengzhou\", \"standard\": \"SIX\"}, \"site\": {" + blocks + "}}";
    }

    static JsonPath record(String body) {
        return given().auth().preemptive().basic(TestUsers.INSPECTOR_ZZ, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations").then().statusCode(200).extract().jsonPath();
    }

    /** An ENTERPRISE account of its own, bound to the subject. */
    static String accountFor(String subject) {
        String name = "e-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", TestUsers.PASSWORD,
                "roles", List.of("ENTERPRISE"), "subjects", List.of(subject))).post("/api/v1/users").then().statusCode(201);
        return name;
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.PASSWORD);
    }

    static JsonPath casesOf(String user, String subject) {
        return as(user).queryParam("subject", subject).get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
    }

    static String caseOf(JsonPath list, String violation) {
        return list.getString("items.find { it.violation == '" + violation + "' }.id");
    }

    @Test
    void aFollowUpClosesWhatIsPutRightAndFindsAFakeRectificationInWhatIsNot() {
        String subject = "CASE-" + UUID.randomUUID();
        String site = accountFor(subject);
        JsonPath ordered = record(site(subject, "2026-12-10T09:00:00+08:00", FENCE_SHORT + ", " + PILES_OPEN));
        assertEquals(List.of("RECTIFY", "RECTIFY"), ordered.getList("orders.type"));

        JsonPath open = casesOf(TestUsers.INSPECTOR_ZZ, subject);
        assertEquals(2, open.getInt("total"));
        assertEquals(List.of("OPEN", "OPEN"), open.getList("items.state"));
        String fence = caseOf(open, "ENCLOSURE");
        String piles = caseOf(open, "STOCKPILE_COVER");
        JsonPath one = JsonPath.from(as(site).get("/api/v1/cases/" + fence).then().statusCode(200).extract().asString());
        assertEquals(subject, one.getString("subject.id"));
        assertEquals("zhengzhou", one.getString("subject.jurisdiction"));
        assertEquals("2026-12-13T09:00:00+08:00", one.getString("deadline"));
        assertEquals(ordered.getString("evaluationId"), one.getString("evaluations[0].evaluationId"));
        assertEquals("OPENED", one.getString("evaluations[0].outcome"));
        assertTrue(one.getString("title").contains("围挡"), one.getString("title"));
        // the site's account sees both as its tasks
        List<String> tasks = as(site).get("/api/v1/tasks").then().statusCode(200).extract().jsonPath().getList("kase.id");
        assertTrue(tasks.containsAll(List.of(fence, piles)), tasks.toString());

        // the site says both are put right
        for (String id : List.of(fence, piles)) {
            String item = id.equals(fence) ? "ENCLOSURE" : "STOCKPILE_COVER";
            as(site).contentType(ContentType.JSON).body(Map.of("note", "已整改，见照片", "rectified", List.of(item)))
                    .post("/api/v1/cases/" + id + "/replies").then().statusCode(200)
                    .body("state", equalTo("REPLIED")).body("claimed", equalTo(true))
                    .body("replies[0].by", equalTo(site)).body("replies[0].note", equalTo("已整改，见照片"));
        }
        List<String> toVerify = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/tasks").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.kind == 'VERIFY' }.kase.id");
        assertTrue(toVerify.containsAll(List.of(fence, piles)), toVerify.toString());

        // the follow-up: the fence is right, the stockpiles are not
        JsonPath followUp = record(site(subject, "2026-12-14T10:30:00+08:00", FENCE_OK + ", " + PILES_OPEN));
        assertTrue(followUp.getList("violations.code").containsAll(List.of("NOT_RECTIFIED", "FAKE_RECTIFICATION")),
                followUp.prettify());
        assertTrue(followUp.getList("penalties.findAll { it.legalBasis == 'EEC-AIR-123' }.measures.flatten()")
                .containsAll(List.of("DAILY_CONTINUOUS_PENALTY", "BLACKLIST")), followUp.prettify());
        JsonPath after = casesOf(TestUsers.INSPECTOR_ZZ, subject);
        assertEquals("CLOSED", after.getString("items.find { it.id == '" + fence + "' }.state"));
        assertEquals("NOT_RECTIFIED", after.getString("items.find { it.id == '" + piles + "' }.state"));
        assertEquals(false, after.getBoolean("items.find { it.id == '" + piles + "' }.claimed"),
                "the claim is spent on the follow-up that found it false");
        assertEquals(List.of("OPENED", "FAILED"), after.getList("items.find { it.id == '" + piles + "' }.evaluations.outcome"));
        assertEquals(List.of("OPENED", "PASSED"), after.getList("items.find { it.id == '" + fence + "' }.evaluations.outcome"));
        assertEquals(2, after.getInt("total"), "an item under an open case opens no second case");
        List<String> notices = noticesOf(subject);
        for (String event : List.of("CASE_OPENED", "CASE_REPLIED", "CASE_CLOSED", "CASE_NOT_RECTIFIED")) {
            assertTrue(notices.contains(event), event + " in " + notices);
        }

        // a reply to the closed case is refused; the open one may be answered again
        as(site).contentType(ContentType.JSON).body(Map.of("note", "再次说明")).post("/api/v1/cases/" + fence + "/replies")
                .then().statusCode(409).contentType("application/problem+json");
        // the next follow-up, the stockpiles covered: the case closes
        record(site(subject, "2026-12-16T10:30:00+08:00", PILES_OK));
        assertEquals(List.of("CLOSED", "CLOSED"), casesOf(site, subject).getList("items.state"));
    }

    @Test
    void aFollowUpThatDidNotInspectAnItemLeavesItsCaseAsItWas() {
        String subject = "CASE-" + UUID.randomUUID();
        record(site(subject, "2026-12-10T09:00:00+08:00", FENCE_SHORT));
        record(site(subject, "2026-12-12T09:00:00+08:00", PILES_OK));
        JsonPath list = casesOf(TestUsers.INSPECTOR_ZZ, subject);
        assertEquals(List.of("OPEN"), list.getList("items.state"));
        assertEquals(List.of("OPENED"), list.getList("items[0].evaluations.outcome"));
    }

    @Test
    void aRecordEnteredLateChangesNoCase() {
        String subject = "CASE-" + UUID.randomUUID();
        record(site(subject, "2026-12-10T09:00:00+08:00", FENCE_SHORT));
        record(site(subject, "2026-12-14T09:00:00+08:00", FENCE_SHORT));
        String id = caseOf(casesOf(TestUsers.INSPECTOR_ZZ, subject), "ENCLOSURE");
        // a paper record of 12-12 that found the fence right, entered after the 12-14 follow-up found it failing
        record(site(subject, "2026-12-12T09:00:00+08:00", FENCE_OK + ", " + PILES_OPEN));
        JsonPath list = casesOf(TestUsers.INSPECTOR_ZZ, subject);
        assertEquals(1, list.getInt("total"), "the late record opens no case for the stockpiles: " + list.prettify());
        assertEquals("NOT_RECTIFIED", list.getString("items.find { it.id == '" + id + "' }.state"));
        assertEquals(List.of("OPENED", "FAILED"), list.getList("items[0].evaluations.outcome"));
    }

    @Test
    void aRecordBringingItsOwnOrdersIsRefusedWhereTheStoreKeepsCasesAndCountsAloneAreDecidedWithThem() {
        String subject = "CASE-" + UUID.randomUUID();
        record(site(subject, "2026-12-10T09:00:00+08:00", PILES_OPEN));
        String withOrders = site(subject, "2026-12-14T09:00:00+08:00", PILES_OPEN).replace("\"site\":",
                "\"history\": {\"rectifications\": [{\"orderedAt\": \"2026-12-01T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"],"
                        + " \"originalFineYuan\": 0}]}, \"site\":");
        as(TestUsers.INSPECTOR_ZZ).contentType(ContentType.JSON).body(withOrders).post("/api/v1/evaluations").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("history.rectifications"));
        String countsOnly = site(subject, "2026-12-14T09:00:00+08:00", PILES_OPEN).replace("\"site\":",
                "\"history\": {\"violationsLast12Months\": 1}, \"site\":");
        JsonPath followUp = record(countsOnly);
        assertTrue(followUp.getList("violations.code").contains("NOT_RECTIFIED"), followUp.prettify());
        assertEquals("NOT_RECTIFIED", casesOf(TestUsers.INSPECTOR_ZZ, subject).getString("items[0].state"));
    }

    @Test
    void aCaseFoundNotRectifiedStaysSoWhenTheSiteAnswersAndWaitsOnTheInspector() {
        String subject = "CASE-" + UUID.randomUUID();
        String site = accountFor(subject);
        record(site(subject, "2026-12-10T09:00:00+08:00", PILES_OPEN));
        record(site(subject, "2026-12-14T09:00:00+08:00", PILES_OPEN));
        String id = caseOf(casesOf(site, subject), "STOCKPILE_COVER");
        assertTrue(as(site).get("/api/v1/tasks").then().extract().jsonPath().getList("kase.id").contains(id));
        as(site).contentType(ContentType.JSON).body(Map.of("note", "这次真的盖好了", "rectified", List.of("STOCKPILE_COVER")))
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(200)
                .body("state", equalTo("NOT_RECTIFIED")).body("claimed", equalTo(true));
        assertFalse(as(site).get("/api/v1/tasks").then().extract().jsonPath().getList("kase.id").contains(id));
        List<String> verify = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/tasks").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.kind == 'VERIFY' }.kase.id");
        assertTrue(verify.contains(id), verify.toString());
    }

    @Test
    void overdueIsWorkedOutWhenReadFromTheOneClock() {
        String subject = "CASE-" + UUID.randomUUID();
        record(site(subject, "2026-12-20T09:00:00+08:00", PILES_OPEN));
        String id = caseOf(casesOf(TestUsers.INSPECTOR_ZZ, subject), "STOCKPILE_COVER");
        // deadline 12-23 09:00 Beijing
        clock.set(Instant.parse("2026-12-23T00:59:00Z"));
        as(TestUsers.CHIEF_ZZ).get("/api/v1/cases/" + id).then().statusCode(200).body("overdue", equalTo(false));
        clock.set(Instant.parse("2026-12-23T01:01:00Z"));
        as(TestUsers.CHIEF_ZZ).get("/api/v1/cases/" + id).then().statusCode(200).body("overdue", equalTo(true));
        List<String> overdue = as(TestUsers.CHIEF_ZZ).queryParam("overdue", "true").queryParam("jurisdiction", "zhengzhou")
                .queryParam("size", "100").get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(overdue.contains(id), overdue.toString());
        List<String> supervise = as(TestUsers.CHIEF_ZZ).get("/api/v1/tasks").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.kind == 'SUPERVISE' }.kase.id");
        assertTrue(supervise.contains(id), supervise.toString());
        List<String> notOverdue = as(TestUsers.CHIEF_ZZ).queryParam("overdue", "false").queryParam("subject", subject)
                .get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertFalse(notOverdue.contains(id));
        // the city's gateway hears of it once, however often the watch looks
        assertFalse(noticesOf(subject).contains("CASE_OVERDUE"));
        book.noticeOverdue(1000);
        book.noticeOverdue(1000);
        assertEquals(1, noticesOf(subject).stream().filter("CASE_OVERDUE"::equals).count(), noticesOf(subject).toString());
    }

    @Test
    void eachReaderSeesOnlyTheCasesTheyMay() {
        String subject = "CASE-" + UUID.randomUUID();
        String site = accountFor(subject);
        String other = accountFor("CASE-OTHER-" + UUID.randomUUID());
        record(site(subject, "2026-12-10T09:00:00+08:00", PILES_OPEN));
        String id = caseOf(casesOf(TestUsers.INSPECTOR_ZZ, subject), "STOCKPILE_COVER");

        as(other).get("/api/v1/cases/" + id).then().statusCode(404).contentType("application/problem+json");
        as(other).queryParam("subject", subject).get("/api/v1/cases").then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, as(other).get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getInt("total"));
        as(TestUsers.INSPECTOR_GD).get("/api/v1/cases/" + id).then().statusCode(404);
        as(TestUsers.INSPECTOR_GD).queryParam("jurisdiction", "zhengzhou").get("/api/v1/cases").then().statusCode(403);
        assertFalse(as(TestUsers.INSPECTOR_GD).queryParam("size", "100").get("/api/v1/cases").then().statusCode(200)
                .extract().jsonPath().getList("items.id").contains(id));
        for (String role : List.of(TestUsers.AUDITOR, TestUsers.ADMIN, TestUsers.MONITOR)) {
            as(role).get("/api/v1/cases").then().statusCode(403).contentType("application/problem+json");
            as(role).get("/api/v1/cases/" + id).then().statusCode(403);
            as(role).get("/api/v1/tasks").then().statusCode(403);
        }
        given().auth().none().get("/api/v1/cases").then().statusCode(401).contentType("application/problem+json");
        // a chief reads but does not answer; another site's account cannot answer
        as(TestUsers.CHIEF_ZZ).get("/api/v1/cases/" + id).then().statusCode(200);
        as(TestUsers.CHIEF_ZZ).contentType(ContentType.JSON).body(Map.of("note", "x")).post("/api/v1/cases/" + id + "/replies")
                .then().statusCode(403);
        as(other).contentType(ContentType.JSON).body(Map.of("note", "x")).post("/api/v1/cases/" + id + "/replies")
                .then().statusCode(404);
        // an inspector of the jurisdiction may answer for the site
        as(TestUsers.INSPECTOR_ZZ).contentType(ContentType.JSON).body(Map.of("note", "电话告知已整改，待复查"))
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(200).body("state", equalTo("REPLIED"))
                .body("claimed", equalTo(false));
        as(site).get("/api/v1/cases/" + id).then().statusCode(200).body("replies.by", hasItem(TestUsers.INSPECTOR_ZZ));
    }

    @Test
    void aBadReplyOrQueryIsNamedByItsField() {
        String subject = "CASE-" + UUID.randomUUID();
        String site = accountFor(subject);
        record(site(subject, "2026-12-10T09:00:00+08:00", PILES_OPEN));
        String id = caseOf(casesOf(site, subject), "STOCKPILE_COVER");
        as(site).contentType(ContentType.JSON).body(Map.of("note", "x", "rectified", List.of("ENCLOSURE")))
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rectified[0]"));
        as(site).contentType(ContentType.JSON).body(Map.of("note", " ")).post("/api/v1/cases/" + id + "/replies")
                .then().statusCode(400).body("errors.field", hasItem("note"));
        as(site).contentType(ContentType.JSON).body("{\"note\": \"x\", \"rectified\": 5}")
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(400).body("errors.field", hasItem("rectified"));
        as(site).contentType(ContentType.JSON).body("{\"note\": \"x\", \"colour\": \"red\"}")
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(400).body("errors.field", hasItem("colour"));
        as(site).contentType(ContentType.JSON).body(Map.of("note", "x".repeat(2001)))
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(400).body("errors.field", hasItem("note"));
        as(site).queryParam("state", "DONE").get("/api/v1/cases").then().statusCode(400).body("errors.field", hasItem("state"));
        as(site).queryParam("overdue", "yes").get("/api/v1/cases").then().statusCode(400).body("errors.field", hasItem("overdue"));
        as(site).queryParam("size", "1000").get("/api/v1/cases").then().statusCode(400).body("errors.field", hasItem("size"));
        given().header("Accept-Language", "zh").auth().preemptive().basic(site, TestUsers.PASSWORD).queryParam("state", "DONE")
                .get("/api/v1/cases").then().statusCode(400).body("errors[0].message", org.hamcrest.Matchers.containsString("须为"));
        as(site).get("/api/v1/cases/no-such-case").then().statusCode(404).contentType("application/problem+json");
    }
}
