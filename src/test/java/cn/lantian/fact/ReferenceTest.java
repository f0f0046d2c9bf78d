package cn.lantian.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyed lookups rules make: each answers exactly the rows a whole-table match on the key would. */
class ReferenceTest {
    private static final FineScale LOWEST = new FineScale(1, 0, "最低额", "D");
    private static final FineScale MIDDLE = new FineScale(2, 0.5, "区间中值", "D");
    private static final FineScale HIGHEST = new FineScale(3, 1, "最高额", "D");

    private static Reference withFineScale(List<FineScale> scale) {
        return new Reference(List.of(), List.of(new Parameter("a", "1", Parameter.Type.number, "m", "A", "X")), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), scale, List.of());
    }

    @Test
    void theFineScaleRowIsTheGreatestFromCountNotAboveTheCount() {
        // Listed out of order on purpose: the lookup must not depend on the table's row order.
        Reference ref = withFineScale(List.of(MIDDLE, HIGHEST, LOWEST));
        assertEquals(List.of(), ref.fineScaleFor(0));
        assertEquals(List.of(LOWEST), ref.fineScaleFor(1));
        assertEquals(List.of(MIDDLE), ref.fineScaleFor(2));
        assertEquals(List.of(HIGHEST), ref.fineScaleFor(3));
        assertEquals(List.of(HIGHEST), ref.fineScaleFor(7));
    }

    @Test
    void anUnknownKeyFindsNoRow() {
        Reference ref = withFineScale(List.of(LOWEST));
        assertEquals(1, ref.parameterNamed("a").size());
        assertEquals(List.of(), ref.parameterNamed("b"));
        assertEquals(List.of(), ref.itemsOfStandard("EIGHT"));
        assertEquals(List.of(), ref.siteMeasuresFor("ORDINARY", AlertLevel.RED));
        assertEquals(List.of(), ref.itemsOfStandard(null));
        assertEquals(List.of(), ref.stepOf(null));
    }
}
