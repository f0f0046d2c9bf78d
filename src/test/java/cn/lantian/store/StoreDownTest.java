package cn.lantian.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the database out of reach the API answers 503 problem+json and records nothing. Signing in
 * needs the store (users live there), so a signed-in preview is 503 too; what is public still answers.
 */
@QuarkusTest
@TestProfile(StoreDownTest.Unreachable.class)
public class StoreDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.h2.jdbc.url", "jdbc:h2:file:/proc/lantian-unreachable/db;IFEXISTS=TRUE",
                    "quarkus.datasource.pg.jdbc.url", "jdbc:postgresql://127.0.0.1:1/lantian",
                    "quarkus.flyway.h2.migrate-at-start", "false",
                    "quarkus.flyway.pg.migrate-at-start", "false");
        }
    }

    @Test
    void theApiSaysServiceUnavailableAndRecordsNothing() {
        String body = LedgerTest.site("S-down", "zhengzhou", "2026-12-10T09:00:00+08:00",
                "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("detail", containsString("nothing was recorded"));
        given().get("/api/v1/evaluations/anything").then().statusCode(503);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations?record=false")
                .then().statusCode(503).contentType("application/problem+json");
        given().auth().none().get("/api/v1/checklists/SIX")
                .then().statusCode(200);
        given().auth().none().contentType(ContentType.JSON)
                .body("{\"days\": [{\"date\": \"2026-12-14\", \"aqi\": 150}]}").post("/api/v1/alerts/classify")
                .then().statusCode(200);
    }
}
