package cn.lantian.store;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The first half of "posted, restarted, read back identical": posts an evaluation and hands its answer to
 * {@link RestartReadBackTest}. Quarkus runs test classes grouped by test profile, profiles in name order
 * ({@code RestartPostTest$BeforeRestart} before {@code RestartReadBackTest$AfterRestart}), and restarts
 * the application between profiles: the second half reads back from a freshly started service.
 */
@QuarkusTest
@TestProfile(RestartPostTest.BeforeRestart.class)
class RestartPostTest {
    static final Path HANDOVER = Path.of("target", "restart-test.json");

    public static class BeforeRestart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lantian.restart-test.half", "before");
        }
    }

    @Test
    void postAnEvaluation() throws IOException {
        String answered = given().contentType(ContentType.JSON)
                .body(LedgerTest.site("S-" + UUID.randomUUID(), "zhengzhou", "2026-12-10T09:00:00+08:00",
                        "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}"))
                .post("/api/v1/evaluations").then().statusCode(200).extract().asString();
        Files.writeString(HANDOVER, answered);
    }
}
