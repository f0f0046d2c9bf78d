package cn.lantian.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor's alarm shows on the bureau's overview: counted by code for the day it was raised, with the subjects it
 * concerns, in the chief's jurisdiction only, and not in a period that ends before its day.
 */
@QuarkusTest
class MonitoringOverviewTest {
    private static final String OTHER = "shaoxing";

    @Inject
    PinnedClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void anAlarmIsCountedOnTheOverviewOfItsDayAndJurisdiction() {
        clock.set(Instant.parse("2026-12-14T05:05:00Z")); // 13:05 in Beijing
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String device = "OV-" + suffix;
        given().contentType(ContentType.JSON).body(Map.of("username", "ov-" + suffix, "password", "monitor-password-1",
                "roles", List.of("MONITOR"), "subjects", List.of(device))).post("/api/v1/users").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("subjectId", "OV-SITE-" + suffix, "jurisdiction", "zhengzhou",
                "parameter", "PM10")).put("/api/v1/monitors/" + device).then().statusCode(200);
        List<Map<String, Object>> means = new ArrayList<>();
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int h = 9; h <= 12; h++) {
            means.add(Map.of("hour", String.format("2026-12-14T%02d:00:00+08:00", h), "valueUgM3", 60));
        }
        OffsetDateTime t = OffsetDateTime.parse("2026-12-14T09:00:00+08:00");
        for (int m = 0; m <= 240; m++) {
            readings.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", m == 240 ? 50 : 200));
        }
        given().contentType(ContentType.JSON).body(means).put("/api/v1/backgrounds/zhengzhou/readings").then().statusCode(200);

        JsonPath start = overview("zhengzhou", "2026-12-14");
        long before = exceeded(start);
        long unverified = start.getLong("alarmsUnverified");
        long dayBefore = exceeded(overview("zhengzhou", "2026-12-13"));
        long elsewhere = exceeded(overview(OTHER, "2026-12-14"));
        String alarm = given().auth().preemptive().basic("ov-" + suffix, "monitor-password-1").contentType(ContentType.JSON).body(readings)
                .post("/api/v1/monitors/" + device + "/readings").then().statusCode(200)
                .body("alarms.alarm.code", org.hamcrest.Matchers.hasItem("PM10_EXCEEDED")).extract().jsonPath().getString("alarms[0].id");
        JsonPath after = overview("zhengzhou", "2026-12-14");
        assertEquals(before + 1, exceeded(after), after.prettify());
        assertEquals(unverified + 1, after.getLong("alarmsUnverified"), after.prettify());
        // verified, it waits on no inspector, and still counts among the period's alarms
        given().contentType(ContentType.JSON).body(Map.of("outcome", "DISMISSED", "note", "设备故障"))
                .post("/api/v1/alarms/" + alarm + "/verification").then().statusCode(200);
        JsonPath verified = overview("zhengzhou", "2026-12-14");
        assertEquals(unverified, verified.getLong("alarmsUnverified"), verified.prettify());
        assertEquals(before + 1, exceeded(verified));
        org.junit.jupiter.api.Assertions.assertTrue(after.getLong("alarmSubjects") >= 1);
        // a period that ends the day before does not count it; another jurisdiction's overview does not either
        assertEquals(dayBefore, exceeded(overview("zhengzhou", "2026-12-13")));
        assertEquals(elsewhere, exceeded(overview(OTHER, "2026-12-14")));
    }

    private static JsonPath overview(String jurisdiction, String to) {
        return RegistryTest.as(TestUsers.CHIEF).queryParam("jurisdiction", jurisdiction).queryParam("from", "2026-12-01")
                .queryParam("to", to).get("/api/v1/overview").then().statusCode(200).extract().jsonPath();
    }

    private static long exceeded(JsonPath o) {
        return o.getList("alarms", Map.class).stream().filter(a -> a.get("code").equals("PM10_EXCEEDED"))
                .mapToLong(a -> ((Number) a.get("count")).longValue()).sum();
    }
}
