package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureMatcher;
import cn.lantian.fixture.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The executable specification: every case in fixtures/ goes through the real HTTP endpoint (and every
 * penalty it yields stays inside its fine range), then the coverage gate fails if any rule in rules/
 * was fired by no case.
 */
@QuarkusTest
class FixturesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ConfigProperty(name = "lantian.fixtures.dir")
    Path fixturesDir;

    @TestFactory
    Stream<DynamicTest> everyFixtureHoldsAndEveryRuleIsFired() {
        List<FixtureCase> cases = Fixtures.load(fixturesDir);
        Set<String> fired = new HashSet<>();
        Stream<DynamicTest> caseTests = cases.stream().map(c -> dynamicTest(c.label(), () -> {
            String body = given().contentType(ContentType.JSON).body(c.request().toString())
                    .post(c.kind().path())
                    .then().statusCode(200).extract().asString();
            JsonNode decision = MAPPER.readTree(body);
            decision.path("trace").forEach(t -> fired.add(t.path("rule").asText()));
            List<String> mismatches = FixtureMatcher.mismatches(c.expect(), decision);
            assertTrue(mismatches.isEmpty(), c.label() + "\n" + String.join("\n", mismatches));
            for (JsonNode p : decision.path("penalties")) {
                long min = p.get("fineMinYuan").asLong();
                long max = p.get("fineMaxYuan").asLong();
                long fine = p.get("recommendedFineYuan").asLong();
                assertTrue(min <= fine && fine <= max, c.label() + ": fine outside its range: " + p);
            }
        }));
        DynamicTest coverage = dynamicTest("coverage gate: every rule in rules/ is fired by some fixture", () -> {
            assertFalse(cases.isEmpty(), "no fixture case found in " + fixturesDir);
            List<String> rules = given().get("/api/v1/ruleset").then().statusCode(200)
                    .extract().jsonPath().getList("rules.name", String.class);
            List<String> unfired = rules.stream().filter(r -> !fired.contains(r)).toList();
            assertTrue(unfired.isEmpty(), "rules that no fixture fires: " + unfired);
        });
        return Stream.concat(caseTests, Stream.of(coverage));
    }
}
