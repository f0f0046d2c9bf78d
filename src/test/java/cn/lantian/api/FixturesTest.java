package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureMatcher;
import cn.lantian.fixture.Fixtures;
import cn.lantian.fixture.Invariants;
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
 * The executable specification: every case in fixtures/ goes through the real HTTP endpoint and must
 * meet its expectation and keep every invariant of a decision ({@link Invariants}: compliant iff no
 * violation, one RECTIFY per code, one penalty per legal basis, fines inside their range, …), then the
 * coverage gate fails if any rule in rules/ was fired by no case.
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
            List<String> mismatches = new java.util.ArrayList<>(FixtureMatcher.mismatches(c.expect(), decision));
            if (c.kind() == FixtureCase.Kind.EVALUATION) {
                Invariants.broken(decision).forEach(b -> mismatches.add("invariant broken: " + b));
            }
            assertTrue(mismatches.isEmpty(), c.label() + "\n" + String.join("\n", mismatches));
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
