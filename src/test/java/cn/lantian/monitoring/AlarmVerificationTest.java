package cn.lantian.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An inspector's verification of a monitoring alarm, through the HTTP API: a confirmation records an inspection of the
 * alarm's subject with the alarm's fact (the highest hourly mean as {@code site.pm10HourlyUgM3}), decided as any
 * recorded inspection is, and the alarm's case becomes the order's case; a dismissal needs a note and closes the
 * alarm's case; an alarm is verified once (409, also for two at once); the record the inspector sends cannot name
 * another subject, a time before the alarm, or another value for the alarm's fact. An alarm's case is not an order:
 * an inspection of the site is not decided as a failed rectification because of it.
 */
@QuarkusTest
class AlarmVerificationTest {
    static final Instant NOW = Instant.parse("2026-12-14T05:05:00Z"); // 13:05 in Beijing
    static final String PASSWORD = "monitor-password-1";

    @Inject
    PinnedClock clock;

    String device;
    String account;
    String subject;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        device = "AV-" + suffix;
        account = "av-" + suffix;
        subject = "AV-SITE-" + suffix;
        given().contentType(ContentType.JSON).body(Map.of("username", account, "password", PASSWORD, "roles", List.of("MONITOR"),
                "subjects", List.of(device))).post("/api/v1/users").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device).then().statusCode(200);
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static String local(String hhmm) {
        return "2026-12-14T" + hhmm + ":00+08:00";
    }

    /** Four hours of readings, 09:00-12:59, against a county mean of 60: the third exceeding hour raises PM10_EXCEEDED. */
    private JsonPath alarm(double... hourValues) {
        List<Map<String, Object>> means = new ArrayList<>();
        for (String h : List.of("09", "10", "11", "12")) {
            means.add(Map.of("hour", local(h + ":00"), "valueUgM3", 60));
        }
        given().contentType(ContentType.JSON).body(means).put("/api/v1/backgrounds/zhengzhou/readings").then().statusCode(200);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            OffsetDateTime t = OffsetDateTime.parse(local(String.format("%02d:00", 9 + h)));
            for (int m = 0; m < 60; m++) {
                batch.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", hourValues[h]));
            }
        }
        batch.add(Map.of("at", local("13:00"), "valueUgM3", 50));
        JsonPath p = given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).body(batch)
                .post("/api/v1/monitors/" + device + "/readings").then().statusCode(200).extract().jsonPath();
        assertEquals("PM10_EXCEEDED", p.getString("alarms[0].alarm.code"), p.prettify());
        assertEquals("OPEN", p.getString("alarms[0].state"));
        return p;
    }

    private static Response verify(String alarmId, Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/alarms/" + alarmId + "/verification");
    }

    @Test
    void aConfirmationRecordsAnInspectionWithTheAlarmsPeakHourAndTheAlarmsCaseBecomesTheOrdersCase() {
        JsonPath raised = alarm(200, 230, 210, 190);
        String alarmId = raised.getString("alarms[0].id");
        String caseId = raised.getString("alarms[0].caseId");
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("origin", equalTo("ALARM"));

        JsonPath answer = verify(alarmId, Map.of("outcome", "CONFIRMED", "note", "现场核实：土方作业未洒水"))
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        String evaluationId = answer.getString("evaluation.evaluationId");
        assertNotNull(evaluationId, answer.prettify());
        assertEquals(List.of("PM10_EXCEEDED"), answer.getList("evaluation.violations.code"));
        assertEquals("CONFIRMED", answer.getString("alarm.state"));
        assertEquals(evaluationId, answer.getString("alarm.evaluationId"));
        assertEquals(TestUsers.TESTER, answer.getString("alarm.verifiedBy"));
        assertNotNull(answer.getString("alarm.verifiedAt"));

        // the record kept: the alarm's subject, inspected now, its highest hourly mean as the site's PM10
        JsonPath record = given().get("/api/v1/evaluations/" + evaluationId + "/record").then().statusCode(200).extract().jsonPath();
        JsonPath inspection = new JsonPath(record.getString("inspection"));
        assertEquals(subject, inspection.getString("subject.id"));
        assertEquals("zhengzhou", inspection.getString("subject.jurisdiction"));
        assertEquals(230.0, inspection.getDouble("site.pm10HourlyUgM3"));
        assertEquals(OffsetDateTime.parse("2026-12-14T13:05:00+08:00"), OffsetDateTime.parse(inspection.getString("inspectedAt")));

        // an alarm is not an order: nothing of the decision says an order went unheeded
        assertTrue(answer.getList("evaluation.penalties.measure").stream().noneMatch("DAILY_CONTINUOUS_PENALTY"::equals),
                answer.prettify());

        // one case for the item: the alarm's, now the order's, with the order's deadline, verified by later follow-ups
        JsonPath kase = given().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        assertEquals("INSPECTION", kase.getString("origin"));
        assertEquals("OPEN", kase.getString("state"));
        assertEquals(OffsetDateTime.parse("2026-12-15T13:05:00+08:00").toInstant(),
                OffsetDateTime.parse(kase.getString("deadline")).toInstant());
        assertEquals(List.of(evaluationId), kase.getList("evaluations.evaluationId"));
        assertEquals(List.of("OPENED"), kase.getList("evaluations.outcome"));
        assertEquals(1, given().queryParam("subject", subject).queryParam("open", "true").get("/api/v1/cases").then()
                .statusCode(200).extract().jsonPath().getInt("total"));

        // listed as verified, and by state
        given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200)
                .body("[0].state", equalTo("CONFIRMED")).body("[0].evaluationId", equalTo(evaluationId));
        given().queryParam("subject", subject).queryParam("state", "OPEN").get("/api/v1/alarms").then().statusCode(200)
                .body("size()", equalTo(0));
        given().queryParam("state", "LOST").get("/api/v1/alarms").then().statusCode(400).body("errors.field", hasItem("state"));
        given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", equalTo("CONFIRMED"));
        given().queryParam("user", TestUsers.TESTER).queryParam("from", "2026-12-14T00:00:00Z").get("/api/v1/audit").then()
                .statusCode(200).body("events.action", hasItem("ALARM_CONFIRMED")).body("events.action", hasItem("CASE_ORDERED"));

        // a later follow-up that finds the site's PM10 within the limit closes the case
        String followUp = "{\"inspectedAt\": \"2026-12-15T09:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject
                + "\", \"jurisdiction\": \"zhengzhou\"}, \"site\": {\"pm10HourlyUgM3\": 90}}";
        clock.set(Instant.parse("2026-12-15T01:30:00Z"));
        given().contentType(ContentType.JSON).body(followUp).post("/api/v1/evaluations").then().statusCode(200)
                .body("compliant", equalTo(true));
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("state", equalTo("CLOSED"))
                .body("evaluations.outcome", equalTo(List.of("OPENED", "PASSED")));
    }

    @Test
    void anAlarmIsVerifiedOnceAndASecondVerificationKeepsNothing() {
        String alarmId = alarm(200, 200, 200, 50).getString("alarms[0].id");
        verify(alarmId, Map.of("outcome", "CONFIRMED")).then().statusCode(200);
        JsonPath again = verify(alarmId, Map.of("outcome", "CONFIRMED")).then().statusCode(409)
                .contentType("application/problem+json").extract().jsonPath();
        assertEquals("The alarm was verified already", again.getString("title"));
        given().contentType(ContentType.JSON).header("Accept-Language", "zh").body(Map.of("outcome", "DISMISSED", "note", "误报"))
                .post("/api/v1/alarms/" + alarmId + "/verification").then().statusCode(409)
                .body("title", equalTo("该报警已核实"));
        assertEquals(1, given().get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getInt("total"));
        given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", equalTo("CONFIRMED"));
    }

    @Test
    void twoConfirmationsAtOnceRecordOneInspection() throws Exception {
        String alarmId = alarm(200, 200, 200, 50).getString("alarms[0].id");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return given().auth().preemptive().basic(TestUsers.INSPECTOR, TestUsers.PASSWORD).contentType(ContentType.JSON)
                        .body(Map.of("outcome", "CONFIRMED")).post("/api/v1/alarms/" + alarmId + "/verification").statusCode();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (CompletableFuture<Integer> f : both) {
            codes.add(f.get());
        }
        codes.sort(Integer::compare);
        assertEquals(List.of(200, 409), codes);
        assertEquals(1, given().get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getInt("total"));
    }

    @Test
    void aDismissalNeedsANoteRecordsNoInspectionAndClosesTheAlarmsCase() {
        JsonPath raised = alarm(200, 200, 200, 50);
        String alarmId = raised.getString("alarms[0].id");
        String caseId = raised.getString("alarms[0].caseId");
        verify(alarmId, Map.of("outcome", "DISMISSED")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("note"));
        verify(alarmId, Map.of("outcome", "DISMISSED", "note", "   ")).then().statusCode(400).body("errors.field", hasItem("note"));
        verify(alarmId, Map.of("outcome", "DISMISSED", "note", "x", "inspection", Map.of("site", Map.of())))
                .then().statusCode(400).body("errors.field", hasItem("inspection"));
        verify(alarmId, Map.of("outcome", "IGNORED", "note", "x")).then().statusCode(400).body("errors.field", hasItem("outcome"));
        verify(alarmId, Map.of("outcome", "DISMISSED", "note", "x", "extra", 1)).then().statusCode(400)
                .body("errors.field", hasItem("extra"));
        verify(alarmId, "not json").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", equalTo("OPEN"));

        JsonPath answer = verify(alarmId, Map.of("outcome", "DISMISSED", "note", "设备采样头积尘，已校准；现场无土方作业"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("DISMISSED", answer.getString("alarm.state"));
        assertEquals("设备采样头积尘，已校准；现场无土方作业", answer.getString("alarm.verificationNote"));
        assertNull(answer.get("alarm.evaluationId"));
        assertNull(answer.get("evaluation"));
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("state", equalTo("CLOSED"))
                .body("origin", equalTo("ALARM")).body("evaluations.size()", equalTo(0));
        assertEquals(0, given().get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getInt("total"));
        given().queryParam("user", TestUsers.TESTER).queryParam("from", "2026-12-14T00:00:00Z").get("/api/v1/audit").then()
                .statusCode(200).body("events.action", hasItem("ALARM_DISMISSED"));
        verify(alarmId, Map.of("outcome", "DISMISSED", "note", "again")).then().statusCode(409);
    }

    @Test
    void theRecordSentCannotNameAnotherSubjectATimeBeforeTheAlarmOrAnotherValueForTheAlarmsFact() {
        String alarmId = alarm(200, 200, 200, 50).getString("alarms[0].id");
        Map<String, Object> site = Map.of("pm10HourlyUgM3", 90);
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("site", site))).then().statusCode(400)
                .body("errors.field", hasItem("inspection.site.pm10HourlyUgM3"));
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("subject", Map.of("id", "SOMEONE-ELSE"))))
                .then().statusCode(400).body("errors.field", hasItem("inspection.subject.id"));
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("subject", Map.of("jurisdiction", "guangdong"))))
                .then().statusCode(400).body("errors.field", hasItem("inspection.subject.jurisdiction"));
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("inspectedAt", local("08:00"))))
                .then().statusCode(400).body("errors.field", hasItem("inspection.inspectedAt"));
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", List.of())).then().statusCode(400)
                .body("errors.field", hasItem("inspection"));
        // the record's own faults are named within it
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("site", Map.of("stockpiles", Map.of("count", -1)))))
                .then().statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("inspection.site.stockpiles")));
        given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", equalTo("OPEN"));

        // what the inspector found besides is kept with the alarm's fact, and the same value for it is accepted
        JsonPath ok = verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("inspectedAt", local("13:00"),
                "site", Map.of("pm10HourlyUgM3", 200, "stockpiles", Map.of("count", 2, "covered", 1))))).then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertTrue(ok.getList("evaluation.violations.code").contains("PM10_EXCEEDED"), ok.prettify());
    }

    @Test
    void onlyAnInspectorOfTheAlarmsJurisdictionVerifiesIt() {
        String alarmId = alarm(200, 200, 200, 50).getString("alarms[0].id");
        Map<String, Object> body = Map.of("outcome", "DISMISSED", "note", "x");
        for (String user : List.of(TestUsers.CHIEF, TestUsers.ENTERPRISE, TestUsers.AUDITOR, TestUsers.ADMIN, TestUsers.INSPECTOR_GD)) {
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/alarms/" + alarmId + "/verification").then().statusCode(403);
        }
        given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alarms/" + alarmId + "/verification").then().statusCode(403);
        given().auth().none().contentType(ContentType.JSON).body(body).post("/api/v1/alarms/" + alarmId + "/verification")
                .then().statusCode(401);
        given().auth().preemptive().basic(TestUsers.INSPECTOR_GD, TestUsers.PASSWORD).get("/api/v1/alarms/" + alarmId)
                .then().statusCode(403);
        verify("no-such-alarm", body).then().statusCode(404);
        given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", equalTo("OPEN"));
        given().auth().preemptive().basic(TestUsers.INSPECTOR_ZZ, TestUsers.PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alarms/" + alarmId + "/verification").then().statusCode(200).body("alarm.state", not(equalTo("OPEN")));
    }

    @Test
    void anInspectionOfTheSiteIsNotDecidedWithTheAlarmsCaseAsAnOrderAndItsOrderTakesTheCaseOver() {
        JsonPath raised = alarm(200, 200, 200, 50);
        String caseId = raised.getString("alarms[0].caseId");
        String record = "{\"inspectedAt\": \"2026-12-14T13:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject
                + "\", \"jurisdiction\": \"zhengzhou\"}, \"site\": {\"pm10HourlyUgM3\": 180}}";
        JsonPath decided = given().contentType(ContentType.JSON).body(record).post("/api/v1/evaluations").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("PM10_EXCEEDED"), decided.getList("violations.code"), decided.prettify());
        assertTrue(decided.getList("penalties.measure").stream().noneMatch("DAILY_CONTINUOUS_PENALTY"::equals), decided.prettify());
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("origin", equalTo("INSPECTION"))
                .body("state", equalTo("OPEN")).body("evaluations.evaluationId", equalTo(List.of(decided.getString("evaluationId"))));
        // the alarm itself waits for its verification; confirming it now is a follow-up of that order
        given().get("/api/v1/alarms/" + raised.getString("alarms[0].id")).then().statusCode(200).body("state", equalTo("OPEN"));
    }

    @Test
    void aConfirmedOfflineAlarmRecordsTheMonitorAsNotConnected() {
        // sending today until five minutes ago: silent ten days ago only (a silence of two hours today would be a second
        // offline alarm, of the same case, which the service's tick may raise at any moment of the test)
        given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON)
                .body(List.of(Map.of("at", local("13:00"), "valueUgM3", 45))).post("/api/v1/monitors/" + device + "/readings")
                .then().statusCode(200);
        List<Map<String, Object>> backfill = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.parse("2026-12-04T10:00:00+08:00");
        for (int m = 0; m < 60; m++) {
            backfill.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", 47));
        }
        JsonPath answer = given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).body(backfill)
                .post("/api/v1/monitors/" + device + "/readings").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("MONITOR_OFFLINE"), answer.getList("alarms.alarm.code"), answer.prettify());
        String alarmId = answer.getString("alarms[0].id");

        Map<String, Object> installed = Map.of("pm10MonitorInstalled", true, "videoInstalled", true);
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("site", Map.of("monitoring",
                Map.of("pm10MonitorInstalled", true, "videoInstalled", true, "connected", true))))).then().statusCode(400)
                .body("errors.field", hasItem("inspection.site.monitoring.connected"));
        JsonPath confirmed = verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("site", Map.of("monitoring", installed))))
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        String evaluationId = confirmed.getString("evaluation.evaluationId");
        JsonPath record = given().get("/api/v1/evaluations/" + evaluationId + "/record").then().statusCode(200).extract().jsonPath();
        assertEquals(false, new JsonPath(record.getString("inspection")).getBoolean("site.monitoring.connected"));
        assertEquals("CONFIRMED", confirmed.getString("alarm.state"));
        // the alarm's case is settled by the record, whatever the record orders for the monitor
        given().get("/api/v1/cases/" + answer.getString("alarms[0].caseId")).then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("evaluations.outcome", equalTo(List.of("CONFIRMED")))
                .body("evaluations.evaluationId", equalTo(List.of(evaluationId)));
    }

    /** A second device of the same site, with an account of its own: its alarm of the same day joins the site's case. */
    private String secondAlarm() {
        String other = device + "-B";
        String otherAccount = account + "-b";
        given().contentType(ContentType.JSON).body(Map.of("username", otherAccount, "password", PASSWORD, "roles", List.of("MONITOR"),
                "subjects", List.of(other))).post("/api/v1/users").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + other).then().statusCode(200);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            OffsetDateTime t = OffsetDateTime.parse(local(String.format("%02d:00", 9 + h)));
            for (int m = 0; m < 60; m++) {
                batch.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", 220));
            }
        }
        batch.add(Map.of("at", local("13:00"), "valueUgM3", 50));
        JsonPath p = given().auth().preemptive().basic(otherAccount, PASSWORD).contentType(ContentType.JSON).body(batch)
                .post("/api/v1/monitors/" + other + "/readings").then().statusCode(200).extract().jsonPath();
        assertEquals("PM10_EXCEEDED", p.getString("alarms[0].alarm.code"), p.prettify());
        return p.getString("alarms[0].id");
    }

    @Test
    void twoAlarmsOfOneCaseDismissedAtOnceCloseIt() throws Exception {
        JsonPath first = alarm(200, 200, 200, 50);
        String a = first.getString("alarms[0].id");
        String caseId = first.getString("alarms[0].caseId");
        String b = secondAlarm();
        given().get("/api/v1/alarms/" + b).then().statusCode(200).body("caseId", equalTo(caseId));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> both = new ArrayList<>();
        for (String id : List.of(a, b)) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return given().contentType(ContentType.JSON).body(Map.of("outcome", "DISMISSED", "note", "两台设备同时故障"))
                        .post("/api/v1/alarms/" + id + "/verification").statusCode();
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> f : both) {
            assertEquals(200, f.get());
        }
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("state", equalTo("CLOSED"));
    }

    @Test
    void anAlarmWhoseCaseAnOrderHoldsIsConfirmedAsPartOfItWithNoRecordOfItsOwn() {
        JsonPath first = alarm(200, 230, 210, 190);
        String caseId = first.getString("alarms[0].caseId");
        String b = secondAlarm();
        String evaluationId = verify(first.getString("alarms[0].id"), Map.of("outcome", "CONFIRMED")).then().statusCode(200)
                .extract().jsonPath().getString("evaluation.evaluationId");
        // the second device's alarm: the case is the order's now; a record of its own would be a follow-up before the deadline
        verify(b, Map.of("outcome", "CONFIRMED", "inspection", Map.of("site", Map.of()))).then().statusCode(400)
                .body("errors.field", hasItem("inspection"));
        JsonPath linked = verify(b, Map.of("outcome", "CONFIRMED")).then().statusCode(200).extract().jsonPath();
        assertEquals(evaluationId, linked.getString("alarm.evaluationId"));
        assertEquals(evaluationId, linked.getString("evaluation.evaluationId"));
        assertEquals(1, given().get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getInt("total"));
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("state", equalTo("OPEN"))
                .body("evaluations.outcome", equalTo(List.of("OPENED")));
        // a client that lost the answer learns the evaluation from the refusal of a second try
        verify(b, Map.of("outcome", "CONFIRMED")).then().statusCode(409).body("evaluationId", equalTo(evaluationId));
    }

    @Test
    void aConfirmationInspectedBeforeTheSitesLatestRecordOrANonFiniteFactIsRefused() {
        String alarmId = alarm(200, 200, 200, 50).getString("alarms[0].id");
        verify(alarmId, "{\"outcome\": \"CONFIRMED\", \"inspection\": {\"site\": {\"pm10HourlyUgM3\": 1e999}}}").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("inspection.site.pm10HourlyUgM3"));
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("subject", "not an object"))).then().statusCode(400)
                .body("errors.field", hasItem("inspection.subject"));
        String later = "{\"inspectedAt\": \"2026-12-14T13:02:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject
                + "\", \"jurisdiction\": \"zhengzhou\"}, \"site\": {\"stockpiles\": {\"count\": 2, \"covered\": 2}}}";
        given().contentType(ContentType.JSON).body(later).post("/api/v1/evaluations").then().statusCode(200);
        verify(alarmId, Map.of("outcome", "CONFIRMED", "inspection", Map.of("inspectedAt", local("13:00")))).then().statusCode(400)
                .body("errors.field", hasItem("inspection.inspectedAt"));
        given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", equalTo("OPEN"));
        assertEquals(1, given().get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .extract().jsonPath().getInt("total"));
    }
}
