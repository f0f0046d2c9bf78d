package cn.lantian.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyed lookups rules make: each answers exactly the rows a whole-table match on the key would. */
class ReferenceTest {
    private static final DiscretionFactor FIRST = factor(0, 0);
    private static final DiscretionFactor SECOND = factor(2, 5);
    private static final DiscretionFactor THIRD = factor(3, 11);
    private static final DiscretionFactor SMALL = new DiscretionFactor("IMPACT", null, "SMALL", 0, "较小", "BENCHMARK", "D");
    private static final DiscretionFactor LARGE = new DiscretionFactor("IMPACT", null, "LARGE", 18, "较大", "BENCHMARK", "D");

    private static DiscretionFactor factor(int from, int percent) {
        return new DiscretionFactor("RECURRENCE", from, null, percent, "第 {value} 次", "BENCHMARK", "D");
    }

    private static Reference with(List<DiscretionFactor> factors, List<CampaignRule> campaign) {
        return new Reference(List.of(), List.of(new Parameter("a", "1", Parameter.Type.number, "m", "A", "X")), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of()).withPenaltyPolicy(factors, campaign);
    }

    @Test
    void aFactorReadByValueIsTheRowWithTheGreatestFromValueNotAboveIt() {
        // Listed out of order on purpose: the lookup must not depend on the table's row order.
        Reference ref = with(List.of(SECOND, THIRD, FIRST, LARGE, SMALL), List.of());
        assertEquals(List.of(FIRST), ref.discretionFactor("RECURRENCE", 0));
        assertEquals(List.of(FIRST), ref.discretionFactor("RECURRENCE", 1));
        assertEquals(List.of(SECOND), ref.discretionFactor("RECURRENCE", 2));
        assertEquals(List.of(THIRD), ref.discretionFactor("RECURRENCE", 3));
        assertEquals(List.of(THIRD), ref.discretionFactor("RECURRENCE", 70));
        assertEquals(List.of(), ref.discretionFactor("DURATION", 3));
        assertEquals("第 70 次", THIRD.shown(70));
    }

    @Test
    void aFactorReadByLevelIsItsRowAtThatLevel() {
        Reference ref = with(List.of(SECOND, LARGE, SMALL), List.of());
        assertEquals(List.of(LARGE), ref.discretionLevel("IMPACT", Impact.LARGE));
        assertEquals(List.of(SMALL), ref.discretionLevel("IMPACT", "SMALL"));
        assertEquals(List.of(), ref.discretionLevel("IMPACT", Impact.MAJOR));
        assertEquals(List.of(), ref.discretionLevel("RECURRENCE", "SMALL"));
    }

    @Test
    void aCampaignPolicyIsTheJurisdictionsOwnRowElseTheDefault() {
        CampaignRule on = new CampaignRule("ALERT_MAXIMUM", null, true, "顶格", "D");
        CampaignRule offThere = new CampaignRule("ALERT_MAXIMUM", "shaoxing", false, "不顶格", "D");
        CampaignRule offEverywhere = new CampaignRule("KEY_PROJECT_MAXIMUM", null, false, "不顶格", "D");
        Reference ref = with(List.of(), List.of(offThere, on, offEverywhere));
        assertEquals(List.of(on), ref.campaignOn("ALERT_MAXIMUM", "zhengzhou"));
        assertEquals(List.of(on), ref.campaignOn("ALERT_MAXIMUM", null));
        assertEquals(List.of(), ref.campaignOn("ALERT_MAXIMUM", "shaoxing"));
        assertEquals(List.of(), ref.campaignOn("KEY_PROJECT_MAXIMUM", "zhengzhou"));
        assertEquals(List.of(), ref.campaignOn("UNKNOWN", "zhengzhou"));
    }

    @Test
    void anUnknownKeyFindsNoRow() {
        Reference ref = with(List.of(FIRST), List.of());
        assertEquals(1, ref.parameterNamed("a").size());
        assertEquals(List.of(), ref.parameterNamed("b"));
        assertEquals(List.of(), ref.itemsOfStandard("EIGHT"));
        assertEquals(List.of(), ref.siteMeasuresFor("ORDINARY", AlertLevel.RED));
        assertEquals(List.of(), ref.itemsOfStandard(null));
        assertEquals(List.of(), ref.stepOf(null));
    }
}
