package cn.lantian.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment with a management interface and JSON logs: the metrics and health are served there to
 * anyone (the monitoring's network is the guard) and no longer on the main port; every log line is one
 * JSON object, and none holds a password, a credential or the session key.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.Management.class)
class ManagementInterfaceTest {
    static final Path LOG = Path.of("target", "management-interface-test.log");
    /** A free port for the management interface, found once (the profile may be asked more than once). */
    static final int MANAGEMENT_PORT = freePort();

    private static int freePort() {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static class Management implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(LOG);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of(
                    "quarkus.management.enabled", "true",
                    "quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT),
                    "lantian.log.json", "true",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    private static String management(String path) {
        return "http://localhost:" + MANAGEMENT_PORT + path;
    }

    @Test
    void metricsAndHealthAreOnTheManagementInterfaceForAnyone() {
        given().auth().preemptive().basic(TestUsers.INSPECTOR, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"MG-1\","
                        + " \"jurisdiction\": \"zhengzhou\"}, \"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 3}}}")
                .post("/api/v1/evaluations?record=false").then().statusCode(200);
        given().auth().none().get(management("/q/metrics")).then().statusCode(200)
                .body(containsString("lantian_decisions_total{compliant=\"false\",jurisdiction=\"zhengzhou\",recorded=\"false\"}"));
        given().auth().none().get(management("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        // the main interface serves neither
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.PASSWORD).get("/q/metrics").then().statusCode(404);
    }

    @Test
    void logsAreJsonAndHoldNoSecret() throws Exception {
        // a failed sign-in and a good one, so that credentials went by
        given().auth().preemptive().basic(TestUsers.ADMIN, "a-wrong-password-9").get("/api/v1/users/me").then().statusCode(401);
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.PASSWORD).get("/api/v1/users/me").then().statusCode(200);
        List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty(), "nothing was logged to " + LOG);
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = json.readTree(line);
            assertTrue(entry.isObject() && entry.has("level") && entry.has("message"), line);
            messages.add(entry.get("message").asText());
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("serving version ") && m.contains(" rules (")), String.join("\n", messages));
        assertTrue(messages.stream().anyMatch(m -> m.contains("no quarkus.http.auth.session.encryption-key")),
                "the missing session key is said, without the key");
        String all = String.join("\n", lines);
        for (String secret : List.of(TestUsers.PASSWORD, "a-wrong-password-9", "admin-password-for-tests",
                Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)),
                "using temporary key")) {
            assertFalse(all.contains(secret), "the log holds " + secret);
        }
    }
}
