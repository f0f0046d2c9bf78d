package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checklist is the rules: on a copy of rules/ where an item's title, what to check and its criterion
 * are reworded, a threshold is raised and SIX drops wet work, the service started on it prints the new list.
 */
@QuarkusTest
@TestProfile(ChecklistEditedRulesTest.EditedTitles.class)
class ChecklistEditedRulesTest {

    public static class EditedTitles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path copy = Path.of("target", "checklist-edited-rules");
            try {
                TestFolders.copy(Path.of("rules"), copy);
                TestFolders.edit(copy.resolve("dust/standard-items.drl"), Map.of(
                        "@title(\"物料堆放覆盖\")", "@title(\"物料堆场全部苫盖\")",
                        "清点土方、砂石、粉状物料堆，逐一查看是否覆盖或密闭", "逐堆查看土方、砂石、粉状物料苫盖情况",
                        "覆盖或密闭的堆数 = 物料堆总数（100%）", "苫盖堆数 = 物料堆总数（100%），苫盖网无破损"));
                TestFolders.edit(copy.resolve("dust/parameters.csv"), Map.of("pm10.hourlyLimit,150,", "pm10.hourlyLimit,120,"));
                TestFolders.edit(copy.resolve("dust/standards.csv"), Map.of("SIX,WET_WORK,BLUESKY-2018\n", ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lantian.rules.dir", copy.toString());
        }
    }

    @Test
    void theEditedTitleCheckAndCriterionAreWhatThePageSays() {
        String page = given().accept("text/html").get("/api/v1/checklists/SIX").then().statusCode(200).extract().asString();
        for (String edited : List.of("物料堆场全部苫盖", "逐堆查看土方、砂石、粉状物料苫盖情况", "苫盖堆数 = 物料堆总数（100%），苫盖网无破损",
                "工地 PM10 小时浓度限值 120")) {
            assertTrue(page.contains(edited), edited);
        }
        for (String old : List.of("物料堆放覆盖", "逐一查看是否覆盖或密闭", "data-code=\"WET_WORK\"")) {
            assertFalse(page.contains(old), old);
        }
    }

    @Test
    void aLoweredThresholdIsWhatTheCriterionPrintsAndTheSelfCheckSays() {
        String page = given().accept("text/html").get("/api/v1/checklists/SIX").then().statusCode(200).extract().asString();
        assertTrue(page.contains("PM10 小时浓度不高于 120 µg/m³"), page);
        assertFalse(page.contains("150 µg/m³"), page);
        assertEquals(List.of("PM10 小时浓度不高于 120 µg/m³"), given().get("/api/v1/checklists/SIX").then().statusCode(200)
                .extract().jsonPath().getList("items.find { it.code == 'PM10_EXCEEDED' }.criterion"));
        var check = given().contentType("application/json").body("""
                {"inspectedAt": "2026-12-14T10:30:00+08:00", "subject": {"kind": "SITE", "id": "T-1", "standard": "SIX"},
                 "site": {"pm10HourlyUgM3": 110}}
                """).post("/api/v1/self-checks").then().statusCode(200).extract().jsonPath();
        assertEquals("PASS", check.getString("items.find { it.code == 'PM10_EXCEEDED' }.status"));
        assertEquals("符合：PM10 小时浓度不高于 120 µg/m³", check.getString("items.find { it.code == 'PM10_EXCEEDED' }.condition"));
    }

    @Test
    void theJsonFollowsTheSameRules() {
        var c = given().get("/api/v1/checklists/SIX").then().statusCode(200).extract().jsonPath();
        assertEquals("物料堆场全部苫盖", c.getString("items.find { it.code == 'STOCKPILE_COVER' }.title"));
        assertEquals(List.of("ENCLOSURE", "STOCKPILE_COVER", "ROAD_HARDENING", "VEHICLE_WASHING", "SEALED_TRANSPORT"),
                c.getList("items.findAll { it.group == 'STANDARD' }.code"));
        // SEVEN keeps wet work: the edit touched SIX alone
        assertTrue(given().get("/api/v1/checklists/SEVEN").then().extract().jsonPath().getList("items.code").contains("WET_WORK"));
    }
}
