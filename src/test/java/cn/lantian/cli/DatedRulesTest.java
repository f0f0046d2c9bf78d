package cn.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestFolders;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.fact.OrderType;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import cn.lantian.engine.RequestReader;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules and table rows with effective dates (src/test/resources/dated): each evaluation follows its own
 * inspection date, not the wall clock. The shipped fixtures and the dated ones all pass on the dated rules.
 */
class DatedRulesTest {
    static final Path RULES = Path.of("target", "dated-rules");
    static final Path FIXTURES = Path.of("target", "dated-fixtures");

    @BeforeAll
    static void layOut() throws IOException {
        TestFolders.copy(Path.of("rules"), RULES);
        TestFolders.copyInto(Path.of("src/test/resources/dated/overlay"), RULES);
        TestFolders.copy(Path.of("fixtures"), FIXTURES);
        TestFolders.copyInto(Path.of("src/test/resources/dated/fixtures"), FIXTURES.resolve("dated"));
    }

    @Test
    void everyCaseHoldsOnTheDatedRules() {
        CheckCommandTest.Run run = CheckCommandTest.check("--rules", RULES.toString(), "--fixtures", FIXTURES.toString());
        assertEquals(0, run.status(), run.output());
        assertTrue(run.lastLine().endsWith(" passed, 0 failed"), run.lastLine());
    }

    @Test
    void aRuleOutOfForceOnTheInspectionDateDoesNotFire() throws Exception {
        Ruleset ruleset = new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(RULES);
        RequestReader reader = new RequestReader(Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());
        FixtureCase after = Fixtures.load(FIXTURES.resolve("dated")).stream()
                .filter(c -> c.name().startsWith("攻坚期结束后")).findFirst().orElseThrow();
        var decision = FixtureRunner.decide(ruleset, after, reader);
        decision.path("orders").forEach(o ->
                assertTrue(!o.path("type").asText().equals(OrderType.INTENSIFY_DUST_CONTROL.name()), decision.toString()));
        assertTrue(decision.path("trace").findValuesAsText("rule").stream().noneMatch(r -> r.startsWith("During the 2026-27")));
        assertEquals(1, ruleset.ruleValidity().size());
    }

    @Test
    void aChecklistPrintsTheThresholdInForceOnItsDay() throws Exception {
        Ruleset ruleset = new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(RULES);
        var query = cn.lantian.checklist.Checklists.Query.parse(null, null, null);
        for (var day : java.util.Map.of("2026-12-31T10:00:00+08:00", "150 µg/m³", "2027-01-01T10:00:00+08:00", "120 µg/m³").entrySet()) {
            var list = cn.lantian.checklist.Checklists.of(ruleset, "EIGHT", query, java.time.OffsetDateTime.parse(day.getKey()));
            var pm10 = list.items().stream().filter(i -> i.code().equals("PM10_EXCEEDED")).findFirst().orElseThrow();
            assertEquals(java.util.List.of("PM10 小时浓度不高于 " + day.getValue()), pm10.criterion(), day.getKey());
            assertEquals(day.getValue().split(" ")[0], pm10.parameters().get(0).value(), day.getKey());
        }
    }
}
