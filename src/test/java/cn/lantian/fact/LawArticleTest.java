package cn.lantian.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fine arithmetic: a point within the range, rounded half up to the yuan. */
class LawArticleTest {
    private static LawArticle range(long min, long max) {
        return new LawArticle("X", null, null, "t", min, max, true, null, "c");
    }

    @Test
    void theEndsAndTheMidpoint() {
        assertEquals(10000, range(10000, 100000).fineAt(0));
        assertEquals(55000, range(10000, 100000).fineAt(0.5));
        assertEquals(100000, range(10000, 100000).fineAt(1));
    }

    @Test
    void theMidpointRoundsHalfUpToTheYuan() {
        assertEquals(1251, range(500, 2001).fineAt(0.5));
        assertEquals(1250, range(500, 2000).fineAt(0.5));
    }

    @Test
    void aFixedFineIsItsOwnMidpoint() {
        assertEquals(5000, range(5000, 5000).fineAt(0.5));
    }
}
