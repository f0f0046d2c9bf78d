package cn.lantian.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The second half: after the restart the evaluation {@link RestartPostTest} posted reads back identical. */
@QuarkusTest
@TestProfile(RestartReadBackTest.AfterRestart.class)
class RestartReadBackTest {

    public static class AfterRestart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lantian.restart-test.half", "after");
        }
    }

    @Test
    void readItBackAfterTheRestart() throws IOException {
        assumeTrue(Files.exists(RestartPostTest.HANDOVER), "the posting half did not run");
        String answered = Files.readString(RestartPostTest.HANDOVER);
        String id = JsonPath.from(answered).getString("evaluationId");
        assertEquals(answered, given().get("/api/v1/evaluations/" + id).then().statusCode(200).extract().asString());
        Files.delete(RestartPostTest.HANDOVER);
    }
}
