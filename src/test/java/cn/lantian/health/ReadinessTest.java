package cn.lantian.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** With the rules compiled and the store reachable the service is live and ready, each check saying so. */
@QuarkusTest
class ReadinessTest {
    @jakarta.inject.Inject
    cn.lantian.store.Database db;

    @Test
    void readyWithTheRulesServingAndTheStoreReachable() {
        String version = given().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
        given().auth().none().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("rules", "store"))
                .body("checks.find { it.name == 'rules' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.version", equalTo(version))
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'store' }.data.datasource", equalTo(db.name()));
        given().auth().none().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Before a ruleset is announced, the rules check is DOWN (and never starts a compile to answer). */
    @Test
    void theRulesCheckIsDownUntilARulesetServes() {
        HealthCheckResponse r = new RulesReadiness().call();
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertEquals("rules", r.getName());
    }
}
