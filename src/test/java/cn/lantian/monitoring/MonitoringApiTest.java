package cn.lantian.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Online monitoring through the HTTP API: a monitor registered, the county's means uploaded, a device's batch stored
 * and judged so that the alarm (and its case) is there when the POST returns; the same batch again changes nothing,
 * another value for a kept time is a 409 naming it; hostile batches are 400s naming index and field; only the
 * device's own MONITOR account posts; judging rebuilt from the store gives the same alarm.
 */
@QuarkusTest
class MonitoringApiTest {
    static final Instant NOW = Instant.parse("2026-12-14T05:05:00Z"); // 13:05 in Beijing
    static final String PASSWORD = "monitor-password-1";

    @Inject
    PinnedClock clock;

    @Inject
    Monitoring monitoring;

    String device;
    String account;
    String subject;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        device = "MT-" + suffix;
        account = "mon-" + suffix;
        subject = "MT-SITE-" + suffix;
        given().contentType(ContentType.JSON).body(Map.of("username", account, "password", PASSWORD, "roles", List.of("MONITOR"),
                "subjects", List.of(device))).post("/api/v1/users").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device).then().statusCode(200)
                .body("intervalSeconds", org.hamcrest.Matchers.equalTo(60)).body("subjectId", org.hamcrest.Matchers.equalTo(subject));
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static String local(String hhmm) {
        return "2026-12-14T" + hhmm + ":00+08:00";
    }

    private static List<Map<String, Object>> hours(int fromHour, int toHour, double value) {
        List<Map<String, Object>> out = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.parse(local(String.format("%02d:00", fromHour)));
        for (int m = 0; m < (toHour - fromHour + 1) * 60; m++) {
            out.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", value));
        }
        return out;
    }

    private io.restassured.response.Response post(Object body) {
        return given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/monitors/" + device + "/readings");
    }

    private void countyMeans() {
        List<Map<String, Object>> means = new ArrayList<>();
        for (String h : List.of("09", "10", "11", "12")) {
            means.add(Map.of("hour", local(h + ":00"), "valueUgM3", 60));
        }
        given().contentType(ContentType.JSON).body(means).put("/api/v1/backgrounds/zhengzhou/readings").then().log().ifValidationFails().statusCode(200)
                .body("hours", org.hamcrest.Matchers.equalTo(4));
    }

    @Test
    void theAlarmAndItsCaseAreThereWhenTheReadingsPostReturnsAndTheSameBatchAgainChangesNothing() {
        countyMeans();
        List<Map<String, Object>> batch = hours(9, 12, 200);
        batch.add(Map.of("at", local("13:00"), "valueUgM3", 50));
        java.util.Collections.shuffle(batch, new java.util.Random(7)); // out of order within the batch
        JsonPath first = post(batch).then().statusCode(200).extract().jsonPath();
        assertEquals(241, first.getInt("accepted"));
        assertEquals(1, first.getList("alarms").size(), first.prettify());
        assertEquals("PM10_EXCEEDED", first.getString("alarms[0].alarm.code"));
        assertEquals(List.of("09", "10", "11", "12"), first.getList("alarms[0].alarm.hours.hour"));
        assertEquals(140.0, first.getDouble("alarms[0].alarm.hours[0].excessUgM3"));
        String caseId = first.getString("alarms[0].caseId");
        assertNotNull(caseId);

        JsonPath again = post(batch).then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("accepted"));
        assertEquals(241, again.getInt("duplicates"));
        assertEquals(0, again.getList("alarms").size());

        JsonPath listed = given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200).extract().jsonPath();
        assertEquals(1, listed.getList("").size());
        assertEquals(caseId, listed.getString("[0].caseId"));
        assertEquals("2026-12-14", listed.getString("[0].alarm.day"));
        given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("violation", org.hamcrest.Matchers.equalTo("PM10_EXCEEDED"))
                .body("subject", org.hamcrest.Matchers.anything());

        // the judging rebuilt from the store, as after a restart: the same alarm, kept as it was, no second case
        List<Monitoring.AlarmEntry> rebuilt = monitoring.rebuild();
        Monitoring.AlarmEntry mine = rebuilt.stream().filter(a -> a.alarm().device().equals(device)).findFirst().orElseThrow();
        assertEquals(caseId, mine.caseId());
        assertEquals(List.of("09", "10", "11", "12"), mine.alarm().hours().stream().map(h -> h.hour()).toList());
        assertEquals(1, given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200)
                .extract().jsonPath().getList("").size());
    }

    @Test
    void anotherValueForAKeptTimeIsAConflictNamingItAndNothingOfTheBatchIsKept() {
        post(List.of(Map.of("at", local("10:00"), "valueUgM3", 40))).then().log().ifValidationFails().statusCode(200);
        JsonPath refused = post(List.of(Map.of("at", local("10:01"), "valueUgM3", 40), Map.of("at", local("10:00"), "valueUgM3", 41)))
                .then().statusCode(409).contentType("application/problem+json").extract().jsonPath();
        assertEquals("[1].valueUgM3", refused.getString("errors[0].field"));
        assertEquals("Readings already kept with other values", refused.getString("title"));
        // the bureau's pages ask in Chinese
        given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).header("Accept-Language", "zh")
                .body(List.of(Map.of("at", local("10:00"), "valueUgM3", 42))).post("/api/v1/monitors/" + device + "/readings")
                .then().statusCode(409).body("title", org.hamcrest.Matchers.equalTo("读数已按其他数值保存"))
                .body("detail", org.hamcrest.Matchers.containsString("1 条读数"));
        // 10:01 was not kept: sent again alone it is new
        assertEquals(1, post(List.of(Map.of("at", local("10:01"), "valueUgM3", 40))).then().statusCode(200)
                .extract().jsonPath().getInt("accepted"));
    }

    @Test
    void hostileBatchesAreRefusedNamingTheIndexAndTheField() {
        record Bad(String body, String field) {}
        List<Bad> bad = List.of(
                new Bad("[{\"at\": \"2026-12-14T10:00:00\", \"valueUgM3\": 5}]", "[0].at"),
                new Bad("[{\"at\": \"" + local("10:00") + "\", \"valueUgM3\": 5}, {\"at\": \"" + local("10:01") + "\", \"valueUgM3\": -1}]", "[1].valueUgM3"),
                new Bad("[{\"at\": \"" + local("10:00") + "\", \"valueUgM3\": 1e9}]", "[0].valueUgM3"),
                new Bad("[{\"at\": \"" + local("10:00") + "\", \"valueUgM3\": \"NaN\"}]", "[0].valueUgM3"),
                new Bad("[{\"at\": \"" + local("10:00") + "\"}]", "[0].valueUgM3"),
                new Bad("[{\"at\": \"2026-12-14T14:00:00+08:00\", \"valueUgM3\": 5}]", "[0].at"),
                new Bad("[{\"at\": \"" + local("10:00") + "\", \"valueUgM3\": 5, \"extra\": 1}]", "[0].extra"),
                new Bad("[]", ""));
        for (Bad b : bad) {
            JsonPath p = given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).body(b.body())
                    .post("/api/v1/monitors/" + device + "/readings").then().statusCode(400)
                    .contentType("application/problem+json").extract().jsonPath();
            assertTrue(p.getList("errors.field").contains(b.field()), b.body() + " → " + p.prettify());
        }
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < Monitoring.MAX_BATCH + 1; i++) {
            big.append(i == 0 ? "" : ",").append("{\"at\": \"").append(OffsetDateTime.parse(local("00:00")).plusSeconds(i * 10L))
                    .append("\", \"valueUgM3\": 5}");
        }
        post(big.append("]").toString()).then().statusCode(400);
    }

    @Test
    void onlyTheDevicesOwnMonitorAccountPostsItsReadings() {
        String body = "[{\"at\": \"" + local("10:00") + "\", \"valueUgM3\": 5}]";
        given().auth().preemptive().basic(TestUsers.MONITOR, TestUsers.PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/monitors/" + device + "/readings").then().statusCode(403);
        given().auth().preemptive().basic(TestUsers.INSPECTOR, TestUsers.PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/monitors/" + device + "/readings").then().statusCode(403);
        given().auth().none().contentType(ContentType.JSON).body(body)
                .post("/api/v1/monitors/" + device + "/readings").then().statusCode(401);
        // an inspector of another jurisdiction neither registers nor changes it
        given().auth().preemptive().basic(TestUsers.INSPECTOR_GD, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device).then().statusCode(403);
    }

    @Test
    void aRegistrationNamesAJurisdictionTheRulesKnowAndIsAudited() {
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "atlantis", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device).then().statusCode(400).body("errors.field", hasItem("jurisdiction"));
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "CO2"))
                .put("/api/v1/monitors/" + device).then().statusCode(400).body("errors.field", hasItem("parameter"));
        given().queryParam("user", TestUsers.TESTER).queryParam("from", "2026-12-14T00:00:00Z").get("/api/v1/audit").then().statusCode(200)
                .body("events.action", hasItem("MONITOR_REGISTERED"));
        given().get("/api/v1/monitors/" + device).then().statusCode(200).body("jurisdiction", org.hamcrest.Matchers.equalTo("zhengzhou"));
    }

    // ---- backfills and readings out of order (never a 5xx for a valid batch; one bad device never poisons the session) ----

    private static List<Map<String, Object>> hoursOn(String date, int fromHour, int toHour, double value) {
        List<Map<String, Object>> out = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.parse(date + "T" + String.format("%02d:00", fromHour) + ":00+08:00");
        for (int m = 0; m < (toHour - fromHour + 1) * 60; m++) {
            out.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", value));
        }
        return out;
    }

    private void countyMeansOn(String date, int fromHour, int toHour) {
        List<Map<String, Object>> means = new ArrayList<>();
        for (int h = fromHour; h <= toHour; h++) {
            means.add(Map.of("hour", date + "T" + String.format("%02d", h) + ":00:00+08:00", "valueUgM3", 60));
        }
        given().contentType(ContentType.JSON).body(means).put("/api/v1/backgrounds/zhengzhou/readings").then().statusCode(200);
    }

    private static List<String> codes(JsonPath answer) {
        return answer.getList("alarms.alarm.code");
    }

    private Map<String, Object> alarm(JsonPath answer, String code) {
        List<Map<String, Object>> alarms = answer.getList("alarms.alarm");
        return alarms.stream().filter(a -> code.equals(a.get("code"))).findFirst().orElseThrow(() -> new AssertionError(answer.prettify()));
    }

    @Test
    void aFreshDevicesBackfillTenDaysOldJudgesEachPastHourOnceAndItsSilenceSinceOnce() {
        countyMeansOn("2026-12-04", 9, 11);
        JsonPath answer = post(hoursOn("2026-12-04", 9, 11, 200)).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertEquals(180, answer.getInt("accepted"));
        Map<String, Object> exceeded = alarm(answer, "PM10_EXCEEDED");
        assertEquals("2026-12-04", exceeded.get("day"));
        assertEquals(List.of("09", "10", "11"), answer.getList("alarms.find { it.alarm.code == 'PM10_EXCEEDED' }.alarm.hours.hour"));
        // silent since its last reading (11:59): offline two working hours later, that day, once
        assertEquals(1, codes(answer).stream().filter("MONITOR_OFFLINE"::equals).count(), answer.prettify());
        assertEquals("2026-12-04", alarm(answer, "MONITOR_OFFLINE").get("day"));
        // the session is sound afterwards: the same device's readings of today, and another registration
        post(hours(9, 10, 50)).then().log().ifValidationFails().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device + "-B").then().statusCode(200);
        JsonPath listed = given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200).extract().jsonPath();
        assertEquals(1, listed.getList("findAll { it.alarm.code == 'PM10_EXCEEDED' }").size(), listed.prettify());
    }

    @Test
    void aBackfillAfterARecentReadingIsJudgedAndTheSessionStaysSoundForOtherDevices() {
        post(List.of(Map.of("at", local("11:05"), "valueUgM3", 45))).then().log().ifValidationFails().statusCode(200);
        JsonPath answer = post(hoursOn("2026-12-04", 10, 10, 47)).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertEquals(60, answer.getInt("accepted"));
        // the device was silent from 12-04 10:59 until today 11:05: one offline alarm, on the day it went silent
        assertEquals(List.of("MONITOR_OFFLINE"), codes(answer), answer.prettify());
        assertEquals("2026-12-04", alarm(answer, "MONITOR_OFFLINE").get("day"));
        // readings eight hours old of the same device, and another device's registration: judged, no 5xx
        JsonPath later = post(hours(5, 5, 45)).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertEquals(60, later.getInt("accepted"));
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device + "-C").then().statusCode(200);
        // a tick of the clock an hour on moves the session without failing
        clock.set(NOW.plusSeconds(3600));
        assertTrue(monitoring.tick().stream().noneMatch(a -> a.alarm().device().equals(device + "-C")));
    }

    @Test
    void readingsOutOfOrderByADayAreJudgedOnTheirDay() {
        JsonPath today = post(hours(9, 12, 50)).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertEquals(240, today.getInt("accepted"));
        countyMeansOn("2026-12-13", 9, 11);
        JsonPath yesterday = post(hoursOn("2026-12-13", 9, 11, 200)).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        Map<String, Object> exceeded = alarm(yesterday, "PM10_EXCEEDED");
        assertEquals("2026-12-13", exceeded.get("day"));
        assertEquals(List.of("09", "10", "11"), yesterday.getList("alarms.find { it.alarm.code == 'PM10_EXCEEDED' }.alarm.hours.hour"));
        // today's hours were within; no alarm of today's day for this device
        JsonPath listed = given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200).extract().jsonPath();
        assertTrue(listed.getList("alarm.day").stream().noneMatch("2026-12-14"::equals), listed.prettify());
    }

    @Test
    void aDeviceWhoseFirstReadingIsDaysAfterItsRegistrationIsNotOfflineBeforeIt() {
        String late = device + "-L";
        clock.set(NOW.minus(java.time.Duration.ofDays(5)));
        given().contentType(ContentType.JSON).body(Map.of("username", account + "-l", "password", PASSWORD, "roles", List.of("MONITOR"),
                "subjects", List.of(late))).post("/api/v1/users").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + late).then().statusCode(200);
        clock.set(NOW);
        JsonPath answer = given().auth().preemptive().basic(account + "-l", PASSWORD).contentType(ContentType.JSON)
                .body(hours(9, 12, 50)).post("/api/v1/monitors/" + late + "/readings").then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
        assertEquals(240, answer.getInt("accepted"));
        assertEquals(List.of(), codes(answer), answer.prettify());
        // and a backfill of the day after its registration, before its first reading: judged, not offline before it
        JsonPath backfill = given().auth().preemptive().basic(account + "-l", PASSWORD).contentType(ContentType.JSON)
                .body(hoursOn("2026-12-10", 10, 10, 50)).post("/api/v1/monitors/" + late + "/readings").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertEquals(60, backfill.getInt("accepted"));
        JsonPath listed = given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200).extract().jsonPath();
        assertTrue(listed.getList("findAll { it.alarm.code == 'MONITOR_OFFLINE' }.alarm.day").stream()
                .allMatch("2026-12-10"::equals), listed.prettify());
    }
}
