package cn.lantian.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The overview on a small recorded set, in a jurisdiction of its own: subjects registered and inspected,
 * inspections, the compliant share, violations by code and by week, cases, and the alert in force with the
 * subjects it stops and whether each was inspected since it began.
 */
@QuarkusTest
public class OverviewTest {
    static final String EARTHWORK = "{\"activities\": [\"EARTHWORK\"], \"stockpiles\": {\"count\": 4, \"covered\": 4}}";
    static final String PILES_OPEN = "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}";

    /** Records a small set in a city of its own; the clock is 2026-12-14 23:30 in Beijing, a Monday. */
    public static String recordSet(String city, String run) {
        given().contentType(ContentType.JSON)
                .body("{\"level\": \"ORANGE\", \"from\": \"2026-12-14T00:00:00+08:00\", \"to\": \"2026-12-20T00:00:00+08:00\"}")
                .put("/api/v1/alerts/" + city).then().statusCode(200);
        RegistryTest.record(RegistryTest.site("A-" + run, city, "2026-12-07T10:00:00+08:00", EARTHWORK));
        RegistryTest.record(RegistryTest.site("B-" + run, city, "2026-12-10T09:00:00+08:00", PILES_OPEN));
        RegistryTest.record(RegistryTest.site("C-" + run, city, "2026-12-14T10:00:00+08:00", EARTHWORK));
        given().contentType(ContentType.JSON).body(RegistryTest.plant(city, "未检查的企业")).put("/api/v1/subjects/D-" + run)
                .then().statusCode(200);
        return city;
    }

    @Test
    void theOverviewCountsASmallRecordedSet() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String city = recordSet("ov-" + run, run);
        JsonPath o = RegistryTest.as(TestUsers.CHIEF).queryParam("jurisdiction", city).get("/api/v1/overview").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("2026-10-26", o.getString("from"));
        assertEquals("2026-12-14", o.getString("to"));
        assertEquals(4, o.getInt("subjects"));
        assertEquals(3, o.getInt("inspectedSubjects"));
        assertEquals(3, o.getInt("inspections"));
        assertEquals(1, o.getInt("compliant"));
        assertEquals(1.0 / 3, o.getDouble("compliantShare"), 1e-6);
        assertEquals(1, o.getInt("violations.find { it.code == 'STOCKPILE_COVER' }.count"));
        assertEquals(1, o.getInt("violations.find { it.code == 'ALERT_ORDER_IGNORED' }.count"));
        assertTrue(o.getBoolean("violationsComplete"));
        assertEquals(List.of(city), o.getList("byJurisdiction.jurisdiction"));
        assertEquals(4, o.getInt("byJurisdiction[0].subjects"));
        assertEquals(8, o.getList("byWeek").size());
        assertEquals("2026-W50", o.getString("byWeek[6].week"));
        assertEquals(2, o.getInt("byWeek[6].inspections"));
        assertEquals(1, o.getInt("byWeek[6].compliant"));
        assertEquals("2026-W51", o.getString("byWeek[7].week"));
        assertEquals(1, o.getInt("byWeek[7].inspections"));
        assertEquals(0, o.getInt("byWeek[0].inspections"));
        assertTrue(o.getInt("cases.open") >= 1, o.prettify());
        assertTrue(o.getInt("cases.overdue") >= 1, o.prettify()); // the stockpiles' deadline was 12-13
        assertEquals(city, o.getString("alerts[0].jurisdiction"));
        assertEquals("ORANGE", o.getString("alerts[0].level"));
        assertEquals(false, o.getBoolean("alerts[0].stopped.find { it.subjectId == 'A-" + run + "' }.inspectedSinceAlert"));
        assertEquals(true, o.getBoolean("alerts[0].stopped.find { it.subjectId == 'C-" + run + "' }.inspectedSinceAlert"));
        assertTrue(o.getList("alerts[0].stopped.find { it.subjectId == 'A-" + run + "' }.orders").contains("STOP_ACTIVITY"),
                o.prettify());

        // a narrower period: only the week of the alert
        RegistryTest.as(TestUsers.CHIEF).queryParam("jurisdiction", city).queryParam("from", "2026-12-14").get("/api/v1/overview")
                .then().statusCode(200).body("inspections", equalTo(1)).body("compliant", equalTo(0))
                .body("subjects", equalTo(4)).body("byWeek.week", equalTo(List.of("2026-W51")));
    }

    @Test
    void badDatesAndOtherCitiesAreRefused() {
        given().queryParam("from", "14/12/2026").get("/api/v1/overview").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().queryParam("to", "2026-13-01").get("/api/v1/overview").then().statusCode(400).body("errors.field", hasItem("to"));
        given().queryParam("from", "2026-12-10").queryParam("to", "2026-12-01").get("/api/v1/overview").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        RegistryTest.as(TestUsers.CHIEF_ZZ).queryParam("jurisdiction", "gdcity").get("/api/v1/overview").then().statusCode(403);
        // unasked, a scoped chief sees its own city only
        RegistryTest.as(TestUsers.CHIEF_ZZ).get("/api/v1/overview").then().statusCode(200)
                .body("byJurisdiction.jurisdiction", org.hamcrest.Matchers.everyItem(equalTo("zhengzhou")));
        RegistryTest.as(TestUsers.INSPECTOR_ZZ).queryParam("jurisdiction", "zhengzhou").get("/api/v1/overview").then().statusCode(200);
        RegistryTest.as(TestUsers.ENTERPRISE).get("/api/v1/overview").then().statusCode(403);
        Map.of();
    }
}
