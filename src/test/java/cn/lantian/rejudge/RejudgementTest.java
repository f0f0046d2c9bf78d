package cn.lantian.rejudge;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The compare at scale: every stored inspection of a jurisdiction decided again, under the active rules
 * beside what was stored (nothing changes) and under a candidate beside the active rules (a lower PM10
 * limit: the sites between the two limits gain PM10_EXCEEDED and are no longer compliant).
 */
@QuarkusTest
class RejudgementTest {
    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.PASSWORD);
    }

    static String site(String jurisdiction, int pm10) {
        return "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"RJ-" + UUID.randomUUID()
                + "\", \"name\": \"复核工地\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, \"site\": {"
                + "\"enclosure\": {\"perimeterM\": 400, \"enclosedM\": 400, \"minHeightM\": 2.5, \"alongMainRoad\": true},"
                + "\"pm10HourlyUgM3\": " + pm10 + "}}";
    }

    static JsonPath finished(Response started) {
        assertEquals(202, started.statusCode(), started.asString());
        String location = started.header("Location");
        assertTrue(location.endsWith("/api/v1/rejudgements/" + started.path("id")), location);
        for (int i = 0; i < 300; i++) {
            JsonPath run = as(TestUsers.AUDITOR).get("/api/v1/rejudgements/" + started.path("id")).then().statusCode(200)
                    .extract().jsonPath();
            if (!"RUNNING".equals(run.getString("state"))) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the run did not finish");
    }

    @Test
    void theActiveRulesDecideAsStoredAndALowerLimitMakesTheSitesBetweenTheLimitsNonCompliant() throws Exception {
        String city = "rj-" + UUID.randomUUID().toString().substring(0, 8);
        for (int pm10 : List.of(80, 120, 140, 160)) {
            as(TestUsers.INSPECTOR).contentType(ContentType.JSON).body(site(city, pm10)).post("/api/v1/evaluations").then()
                    .statusCode(200);
        }

        // and a site with two penalties (115 and 116), whose stored decision lists them in an order of its own
        String eight = Files.readString(Path.of("bench/src/main/resources/eight-site.json"))
                .replace("\"zhengzhou\"", "\"" + city + "\"").replace("ZZ-2026-0834", "RJ-EIGHT-" + UUID.randomUUID());
        assertEquals(2, as(TestUsers.INSPECTOR).contentType(ContentType.JSON).body(eight).post("/api/v1/evaluations").then()
                .statusCode(200).extract().jsonPath().getList("penalties").size());

        JsonPath same = finished(as(TestUsers.AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("jurisdiction", city)).post("/api/v1/rejudgements"));
        assertEquals("DONE", same.getString("state"), same.prettify());
        assertEquals("STORED", same.getString("basis"));
        assertEquals(5, same.getInt("total"));
        assertEquals(5, same.getInt("decided"));
        assertEquals(0, same.getInt("changed"), same.prettify());
        assertEquals(0, same.getInt("unreadable"));

        String parameters = Files.readString(Path.of("rules/dust/parameters.csv"));
        assertTrue(parameters.contains("pm10.hourlyLimit,150,"));
        JsonPath lower = finished(as(TestUsers.AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("jurisdiction", city, "reason", "PM10 限值拟降为 100",
                        "files", Map.of("dust/parameters.csv", parameters.replace("pm10.hourlyLimit,150,", "pm10.hourlyLimit,100,"))))
                .post("/api/v1/rejudgements"));
        assertEquals("DONE", lower.getString("state"), lower.prettify());
        assertEquals("ACTIVE", lower.getString("basis"));
        assertEquals(5, lower.getInt("decided"));
        // 120 and 140, over 100 and not over 150; and the EIGHT site's 120, already not compliant
        assertEquals(3, lower.getInt("changed"), lower.prettify());
        assertEquals(2, lower.getInt("becameNonCompliant"));
        assertEquals(3, lower.getInt("violationsGained.PM10_EXCEEDED"));
        assertEquals(3, lower.getList("examples").size());
        assertTrue(lower.getList("examples.after.violations").toString().contains("PM10_EXCEEDED"));
        assertEquals("PM10 限值拟降为 100", lower.getString("reason"));
        assertEquals(TestUsers.AUDITOR, lower.getString("requestedBy"));
        assertTrue(as(TestUsers.AUDITOR).get("/api/v1/rejudgements").then().statusCode(200).extract().jsonPath()
                .getList("id").contains(lower.getString("id")));
    }

    @Test
    void badRequestsAndUnknownRunsAreProblems() {
        as(TestUsers.AUDITOR).contentType(ContentType.JSON).body("{\"jurisdiction\": 5, \"files\": []}")
                .post("/api/v1/rejudgements").then().statusCode(400).contentType("application/problem+json");
        as(TestUsers.AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("dust/broken.drl", "rule \"x\" when then nonsense(; end")))
                .post("/api/v1/rejudgements").then().statusCode(422).contentType("application/problem+json");
        as(TestUsers.AUDITOR).get("/api/v1/rejudgements/no-such-run").then().statusCode(404)
                .contentType("application/problem+json");
        for (String user : List.of(TestUsers.INSPECTOR, TestUsers.CHIEF, TestUsers.ENTERPRISE)) {
            as(user).contentType(ContentType.JSON).body("{}").post("/api/v1/rejudgements").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body("{}").auth().none().post("/api/v1/rejudgements").then().statusCode(401);
    }
}
