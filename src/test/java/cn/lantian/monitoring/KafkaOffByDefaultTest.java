package cn.lantian.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Readings through Kafka are off unless configured: the default start has no broker, reads no topic, and is live and
 * ready; the readings channel is in neither health answer (KafkaReadingsTest runs it on).
 */
@QuarkusTest
class KafkaOffByDefaultTest {
    @ConfigProperty(name = "lantian.monitoring.kafka.enabled")
    boolean enabled;

    @Test
    void theChannelIsOffAndTheServiceIsReadyWithNoBroker() {
        assertFalse(enabled);
        String ready = given().auth().none().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .extract().asString();
        String live = given().auth().none().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .extract().asString();
        assertFalse(ready.contains(ReadingsConsumer.CHANNEL), ready);
        assertFalse(live.contains(ReadingsConsumer.CHANNEL), live);
    }
}
