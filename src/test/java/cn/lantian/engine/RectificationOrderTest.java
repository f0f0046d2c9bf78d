package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.lantian.TestFolders;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * One rectification order per kind of violation, whenever the rectification rule takes its turn. Rules of
 * one phase (equal salience) fire in an order Drools derives from where they stand in their files, so an auditor who
 * adds or moves a rule changes that order; the decision must not change with it. An enclosure short in
 * length and in height fails twice under one code and gets one ENCLOSURE order.
 */
class RectificationOrderTest {
    private static final RequestReader READER = new RequestReader(Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());

    private static List<String> rectifyOrders(Path rules) throws Exception {
        FixtureCase twoEnclosureFailures = Fixtures.load(Path.of("fixtures/penalties")).stream()
                .filter(c -> c.name().contains("围挡长度与高度均不合格")).findFirst().orElseThrow();
        JsonNode decision = FixtureRunner.decide(new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(rules), twoEnclosureFailures, READER);
        assertEquals(2, decision.path("violations").findValues("code").stream()
                .filter(c -> c.asText().equals("ENCLOSURE")).count(), decision.toString());
        List<String> orders = new ArrayList<>();
        decision.path("orders").forEach(o -> {
            if (o.path("type").asText().equals("RECTIFY")) {
                orders.add(o.path("violation").asText());
            }
        });
        return orders;
    }

    @Test
    void theShippedRulesOrderEachKindOfViolationRectifiedOnce() throws Exception {
        assertEquals(List.of("ENCLOSURE"), rectifyOrders(Path.of("rules")));
    }

    @Test
    void soDoTheyWhenRectificationComesAfterEveryViolation() throws Exception {
        Path rules = Path.of("target", "rectification-last-rules");
        TestFolders.copy(Path.of("rules"), rules);
        TestFolders.edit(rules.resolve("penalties/rectification.drl"), Map.of(
                "@legalBasis(\"APPCL\")\nwhen", "@legalBasis(\"APPCL\")\n    @phase(\"law\")\nwhen"));
        assertEquals(List.of("ENCLOSURE"), rectifyOrders(rules));
    }
}
