package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import cn.lantian.TestFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policy lives in rules/: on an edited copy of the shipped rules (a higher main-road enclosure, one
 * cell of the enterprise table, the fine range of EEC-AIR-115 (the Code's successor of APPCL-115) and the impact a single violation reads as in the discretion benchmark, a
 * new eleventh item and a new ELEVEN standard) the service answers differently, with no Java change.
 */
@QuarkusTest
@TestProfile(EditedRulesTest.EditedRules.class)
class EditedRulesTest {

    public static class EditedRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path copy = Path.of("target", "edited-rules");
            try {
                TestFolders.copy(Path.of("rules"), copy);
                TestFolders.edit(copy.resolve("dust/parameters.csv"),
                        Map.of("enclosure.minHeight.mainRoad,2.5", "enclosure.minHeight.mainRoad,3.0"));
                TestFolders.edit(copy.resolve("enterprises/production-measures.csv"),
                        Map.of("B,ORANGE,LIMIT_PRODUCTION,20,", "B,ORANGE,LIMIT_PRODUCTION,25,"));
                TestFolders.edit(copy.resolve("penalties/legal-bases.csv"),
                        Map.of("第一百一十五条对应条款，条款号待核）,10000,100000,", "第一百一十五条对应条款，条款号待核）,20000,80000,"));
                Files.writeString(copy.resolve("penalties/legal-bases.csv"), "LOCAL-test-DUST,,,测试用扬尘规定,,,false,,渣土运输车辆出场冲洗,,,,\n",
                        java.nio.file.StandardOpenOption.APPEND);
                // one violation code now reads as a medium impact (+6%) in the discretion benchmark
                TestFolders.edit(copy.resolve("penalties/discretion-factors.csv"),
                        Map.of("IMPACT_BY_CODES,0,SMALL,", "IMPACT_BY_CODES,0,MEDIUM,"));
                Path standards = copy.resolve("dust/standards.csv");
                StringBuilder eleven = new StringBuilder(Files.readString(standards));
                for (String item : new String[] {"ENCLOSURE", "STOCKPILE_COVER", "WET_WORK", "ROAD_HARDENING",
                        "VEHICLE_WASHING", "SEALED_TRANSPORT", "ONLINE_MONITORING", "NON_ROAD_MACHINERY",
                        "VIDEO_SURVEILLANCE", "BARE_SOIL_COVER", "MUCK_TRUCK_WASHING"}) {
                    eleven.append("ELEVEN,").append(item).append(",LOCAL-test-DUST\n");
                }
                Files.writeString(standards, eleven);
                // a new standard is named where every code is (labels.csv), or the rules do not load
                Files.writeString(copy.resolve("labels.csv"), "STANDARD,ELEVEN,十一个百分之百,\n",
                        java.nio.file.StandardOpenOption.APPEND);
                Files.writeString(copy.resolve("dust/eleventh-item.drl"), """
                        package dust
                        import cn.lantian.fact.*;
                        import function cn.lantian.engine.Emit.violation;

                        rule "While muck is hauled, every leaving vehicle must be washed"
                            @code("MUCK_TRUCK_WASHING") @title("渣土运输车辆出场冲洗") @legalBasis("LOCAL-test-DUST")
                        when
                            StandardItem(item == "MUCK_TRUCK_WASHING")
                            Site(activities contains Activity.MUCK_TRANSPORT)
                            $w : SiteBlock.Washing(vehiclesWashed < vehiclesLeaving)
                        then
                            violation(kcontext, 0.0, 1.0, "渣土运输期间有车辆未冲洗出场。");
                        end
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lantian.rules.dir", copy.toString());
        }
    }

    private static String site(String standard, String site) {
        return "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"T-1\", "
                + "\"standard\": \"" + standard + "\"}, \"site\": " + site + "}";
    }

    @Test
    void aChangedThresholdChangesTheAnswer() {
        given().contentType(ContentType.JSON)
                .body(site("EIGHT", "{\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 420, \"minHeightM\": 2.5, \"alongMainRoad\": true}}"))
                .post("/api/v1/evaluations?record=false")
                .then().statusCode(200)
                .body("violations", hasSize(1))
                .body("violations[0].code", equalTo("ENCLOSURE"))
                .body("violations[0].required", equalTo(3.0f));
    }

    @Test
    void aChangedCellOfTheEnterpriseTableChangesTheOrderAndTheLoadAllowed() {
        given().contentType(ContentType.JSON)
                .body("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"alertLevel\": \"ORANGE\", "
                        + "\"subject\": {\"kind\": \"ENTERPRISE\", \"id\": \"E-1\"}, \"enterprise\": {\"industry\": \"CEMENT\", "
                        + "\"performanceGrade\": \"B\", \"productionLoadPercent\": 80}}")
                .post("/api/v1/evaluations?record=false")
                .then().statusCode(200)
                .body("orders.find { it.type == 'LIMIT_PRODUCTION' }.limitPercent", equalTo(25))
                .body("violations.code", hasItem("ALERT_MEASURE_NOT_IMPLEMENTED"));
    }

    @Test
    void aChangedFineRangeAndDiscretionRuleChangeThePenalty() {
        given().contentType(ContentType.JSON)
                .body(site("SIX", "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}"))
                .post("/api/v1/evaluations?record=false")
                .then().statusCode(200)
                .body("penalties[0].legalBasis", equalTo("EEC-AIR-115"))
                .body("penalties[0].fineMinYuan", equalTo(20000))
                .body("penalties[0].fineMaxYuan", equalTo(80000))
                // Y = 20000 / 80000 = 25%; [25% + 6% × 75%] × 80000 = 23600
                .body("penalties[0].recommendedFineYuan", equalTo(23600));
    }

    @Test
    void anEleventhItemAndANewStandardNeedOnlyRuleFiles() {
        given().contentType(ContentType.JSON)
                .body(site("ELEVEN", "{\"activities\": [\"MUCK_TRANSPORT\"], \"washing\": {\"facilityInstalled\": true, "
                        + "\"vehiclesLeaving\": 10, \"vehiclesWashed\": 9, \"mudOnRoad\": false}}"))
                .post("/api/v1/evaluations?record=false")
                .then().statusCode(200)
                .body("violations.code", hasItems("VEHICLE_WASHING", "MUCK_TRUCK_WASHING"))
                .body("violations.find { it.code == 'MUCK_TRUCK_WASHING' }.title", equalTo("渣土运输车辆出场冲洗"))
                .body("violations.find { it.code == 'MUCK_TRUCK_WASHING' }.standard", equalTo("ELEVEN"))
                .body("orders.violation", hasItem("MUCK_TRUCK_WASHING"));
        given().get("/api/v1/ruleset").then().body("standards", hasItem("ELEVEN"));
    }
}
