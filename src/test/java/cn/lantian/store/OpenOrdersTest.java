package cn.lantian.store;

import static cn.lantian.store.LedgerTest.post;
import static cn.lantian.store.LedgerTest.site;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Several correction orders open at once, derived by the store with no history sent: a second visit
 * orders new items while the first order's are still open (not inspected this time), a follow-up of
 * both fines each order by its own days, and each closes when its items pass.
 */
@QuarkusTest
class OpenOrdersTest {
    private static final String FENCE_SHORT = "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 399, \"minHeightM\": 2.5, \"alongMainRoad\": true}";
    private static final String FENCE_OK = "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 420, \"minHeightM\": 2.5, \"alongMainRoad\": true}";
    private static final String PILES_OPEN = "\"stockpiles\": {\"count\": 4, \"covered\": 3}";
    private static final String PILES_OK = "\"stockpiles\": {\"count\": 4, \"covered\": 4}";

    @Test
    void twoOrdersOpenAtOnceAreEachFollowedUpOnTheirOwnDays() {
        String subject = "OO-" + UUID.randomUUID();
        // 12-05: the fence is short: order A
        JsonPath first = post(site(subject, "zhengzhou", "2026-12-05T09:00:00+08:00", "{" + FENCE_SHORT + "}"));
        long fineA = first.getLong("penalties[0].recommendedFineYuan");
        // 12-10: the stockpiles are open; the fence is not looked at, so order A stays open untouched: order B
        JsonPath second = post(site(subject, "zhengzhou", "2026-12-10T09:00:00+08:00", "{" + PILES_OPEN + "}"));
        assertEquals(List.of("STOCKPILE_COVER"), second.getList("violations.code"));
        long fineB = second.getLong("penalties[0].recommendedFineYuan");
        String record = given().get("/api/v1/evaluations/" + second.getString("evaluationId") + "/record")
                .then().statusCode(200).extract().jsonPath().getString("inspection");
        assertTrue(record.contains("\"rectifications\":[{\"orderedAt\":\"2026-12-05T09:00:00+08:00\",\"items\":[\"ENCLOSURE\"]"),
                record);

        // 12-14: both still failing: one daily penalty per order, each from its own date
        JsonPath third = post(site(subject, "zhengzhou", "2026-12-14T10:30:00+08:00", "{" + FENCE_SHORT + ", " + PILES_OPEN + "}"));
        // one NOT_RECTIFIED entry per item still failing, as every violation is one entry per failing condition
        assertEquals(List.of("ENCLOSURE", "STOCKPILE_COVER", "NOT_RECTIFIED", "NOT_RECTIFIED"), third.getList("violations.code"));
        List<Integer> days = third.getList("penalties.findAll { it.legalBasis == 'EEC-AIR-123' }.days");
        List<Long> fines = third.getList("penalties.findAll { it.legalBasis == 'EEC-AIR-123' }.recommendedFineYuan", Long.class);
        assertEquals(2, days.size(), third.prettify());
        assertTrue(days.containsAll(List.of(9, 4)), days.toString());
        assertTrue(fines.containsAll(List.of(9 * fineA, 4 * fineB)), fines + " from " + fineA + " and " + fineB);

        // 12-20: the fence is put right, the stockpiles are not: order A closes, order B goes on
        JsonPath fourth = post(site(subject, "zhengzhou", "2026-12-20T10:00:00+08:00", "{" + FENCE_OK + ", " + PILES_OPEN + "}"));
        assertEquals(List.of("STOCKPILE_COVER", "NOT_RECTIFIED"), fourth.getList("violations.code"));
        assertEquals(List.of(10), fourth.getList("penalties.findAll { it.legalBasis == 'EEC-AIR-123' }.days"));
        assertEquals(List.of("2026-12-10T09:00:00+08:00"),
                fourth.getList("penalties.findAll { it.legalBasis == 'EEC-AIR-123' }.orderedAt"));

        // 12-21: all put right: nothing open any more
        JsonPath fifth = post(site(subject, "zhengzhou", "2026-12-21T10:00:00+08:00", "{" + FENCE_OK + ", " + PILES_OK + "}"));
        assertEquals(true, fifth.getBoolean("compliant"));
        JsonPath sixth = post(site(subject, "zhengzhou", "2026-12-22T10:00:00+08:00", "{" + PILES_OPEN + "}"));
        assertEquals(List.of("STOCKPILE_COVER"), sixth.getList("violations.code"));
    }
}
