package cn.lantian.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import cn.lantian.store.StoreDownTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * With the database out of reach (as {@link StoreDownTest} makes it) the service is live but not ready:
 * the store check is DOWN and says why, the rules check is still UP with its version, so a load balancer
 * sends this instance nothing.
 */
@QuarkusTest
@TestProfile(StoreDownTest.Unreachable.class)
class ReadinessStoreDownTest {

    @Test
    void notReadyWhileTheStoreIsOutOfReach() {
        given().auth().none().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'store' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'store' }.data.reason", matchesPattern("the (h2|pg) database cannot be reached"))
                .body("checks.find { it.name == 'rules' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.version", startsWith("sha256:"));
        given().auth().none().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
