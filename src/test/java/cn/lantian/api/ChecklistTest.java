package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checklists are published from the loaded rules: each standard's items exactly, at each level its measures. */
@QuarkusTest
class ChecklistTest {

    private static JsonPath checklist(String name, String query) {
        return given().accept("application/json").get("/api/v1/checklists/" + name + query)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void eachStandardListsExactlyItsItemsThenTheDutiesOfEverySite() {
        List<String> standards = given().get("/api/v1/ruleset").then().extract().jsonPath().getList("standards", String.class);
        assertEquals(StandardsTable.standards(), standards);
        for (String standard : standards) {
            JsonPath c = checklist(standard, "");
            assertEquals(StandardsTable.itemsOf(standard), c.getList("items.findAll { it.group == 'STANDARD' }.code"), standard);
            assertEquals(Set.of("PM10_EXCEEDED", "ON_SITE_MIXING", "NIGHT_EARTHWORK"),
                    Set.copyOf(c.getList("items.findAll { it.group == 'DUTY' }.code")), standard);
            assertEquals(List.of(), c.getList("items.findAll { it.group == 'ALERT' }.code"), standard);
        }
    }

    @Test
    void anItemCarriesItsRulesMetadataAndTheArticleTitle() {
        JsonPath c = checklist("SIX", "?kind=SITE&alertLevel=NONE&lang=zh");
        assertEquals("SITE", c.getString("kind"));
        assertEquals("SIX", c.getString("standard"));
        assertTrue(c.getString("rulesetVersion").startsWith("sha256:"));
        String stockpiles = "items.find { it.code == 'STOCKPILE_COVER' }";
        assertEquals("物料堆放覆盖", c.getString(stockpiles + ".title"));
        assertEquals(List.of("清点土方、砂石、粉状物料堆，逐一查看是否覆盖或密闭"), c.getList(stockpiles + ".check"));
        assertEquals(List.of("site.stockpiles.count", "site.stockpiles.covered"), c.getList(stockpiles + ".record"));
        assertEquals(List.of("覆盖或密闭的堆数 = 物料堆总数（100%）"), c.getList(stockpiles + ".criterion"));
        assertEquals("EEC-AIR-115", c.getString(stockpiles + ".legalBasis.code"));
        assertEquals("《生态环境法典》（原《大气污染防治法》第一百一十五条对应条款，条款号待核）", c.getString(stockpiles + ".legalBasis.title"));
        assertEquals(false, c.getBoolean(stockpiles + ".legalBasis.verified"));
        assertEquals("BLUESKY-2018", c.getString(stockpiles + ".requiredBy.code"));
        // a threshold the criterion names comes with its current value from the parameters table
        assertEquals("150", c.getString("items.find { it.code == 'PM10_EXCEEDED' }.parameters[0].value"));
    }

    @Test
    void criteriaShowTheThresholdsInForceNeverAPlaceholderOrADefault() {
        JsonPath c = checklist("TEN", "");
        assertEquals(List.of("PM10 小时浓度不高于 150 µg/m³"), c.getList("items.find { it.code == 'PM10_EXCEEDED' }.criterion"));
        assertEquals(List.of("夜间（当地时间 22:00 至 06:00）不进行土方作业"),
                c.getList("items.find { it.code == 'NIGHT_EARTHWORK' }.criterion"));
        assertTrue(c.getList("items.find { it.code == 'ENCLOSURE' }.criterion", String.class)
                .containsAll(List.of("沿主干道围挡高度不低于 2.5 m", "其他路段围挡高度不低于 1.8 m")));
        assertEquals(List.of("enclosure.minHeight.mainRoad", "enclosure.minHeight.other"),
                c.getList("items.find { it.code == 'ENCLOSURE' }.parameters.name"));
        for (String query : List.of("/TEN?alertLevel=RED", "/B?kind=ENTERPRISE&alertLevel=RED")) {
            JsonPath any = checklist(query.substring(1, query.indexOf('?')), query.substring(query.indexOf('?')));
            for (String text : any.getList("items.collect { it.criterion + it.check }.flatten()", String.class)) {
                assertFalse(text.contains("{") || text.contains("默认"), text);
            }
        }
        String page = given().accept("text/html").get("/api/v1/checklists/TEN").then().statusCode(200).extract().asString();
        assertTrue(page.contains("PM10 小时浓度不高于 150 µg/m³"), page);
        assertFalse(page.contains("{pm10") || page.contains("默认 150"), page);
    }

    @Test
    void anAlertAddsTheItemsItsMeasuresMakeCheckableAndListsTheMeasures() {
        JsonPath none = checklist("EIGHT", "?alertLevel=NONE");
        assertFalse(none.getList("items.code").contains("ALERT_ORDER_IGNORED"));
        assertEquals(List.of(), none.getList("measures.find { it.appliesTo == 'ORDINARY' }.orders"));

        JsonPath yellow = checklist("EIGHT", "?alertLevel=YELLOW");
        assertEquals("黄色预警（III级）", yellow.getString("alertTitle"));
        assertEquals("ALERT", yellow.getString("items.find { it.code == 'ALERT_ORDER_IGNORED' }.group"));
        assertEquals(List.of("EARTHWORK", "DEMOLITION"),
                yellow.getList("measures.find { it.appliesTo == 'ORDINARY' }.orders.activity"));
        assertEquals("EEC-AIR-96", yellow.getString("measures[0].orders[0].legalBasis.code"));
        assertEquals(List.of(), yellow.getList("measures.find { it.appliesTo == 'KEY_PROJECT' }.orders"));

        JsonPath red = checklist("EIGHT", "?alertLevel=RED");
        assertEquals(List.of("STOP_WORK"), red.getList("measures.find { it.appliesTo == 'ORDINARY' }.orders.type"));
    }

    @Test
    void aPlantChecklistIsNamedByItsPerformanceGrade() {
        JsonPath none = checklist("B", "?kind=ENTERPRISE");
        assertEquals("B", none.getString("performanceGrade"));
        assertEquals(List.of("EMISSIONS_EXCEEDED", "AUTO_MONITORING"), none.getList("items.code"));

        JsonPath orange = checklist("B", "?kind=ENTERPRISE&alertLevel=ORANGE");
        assertTrue(orange.getList("items.code").containsAll(
                List.of("ALERT_MEASURE_NOT_IMPLEMENTED", "PLAN_INSUFFICIENT", "HEAVY_DIESEL_TRANSPORT")));
        assertEquals(20, orange.getInt("measures.find { it.appliesTo == 'ORDINARY' }.orders.find { it.type == 'LIMIT_PRODUCTION' }.limitPercent"));
        assertEquals("CN4", orange.getString("measures[0].orders.find { it.type == 'STOP_HEAVY_DIESEL_TRANSPORT' }.maxBannedStandard"));
        assertTrue(orange.getList("measures.find { it.appliesTo == 'STAGGERED_PRODUCTION' }.orders.type")
                .contains("STOP_MATERIAL_TRANSPORT"));

        // an A-grade plant decides its own measures: no load or truck check, whatever the level
        JsonPath a = checklist("A", "?kind=ENTERPRISE&alertLevel=RED");
        assertFalse(a.getList("items.code").contains("HEAVY_DIESEL_TRANSPORT"));
        assertFalse(a.getList("items.code").contains("PLAN_INSUFFICIENT"));
    }

    @Test
    void inEnglishTheCriteriaAreTheRulesOwnSentences() {
        JsonPath en = checklist("SIX", "?lang=en");
        assertEquals("en", en.getString("lang"));
        assertEquals(List.of("Every stockpile must be covered or closed"),
                en.getList("items.find { it.code == 'STOCKPILE_COVER' }.criterion"));
    }

    @Test
    void anUnknownStandardOrGradeIsNotFound() {
        given().get("/api/v1/checklists/NINE").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("SIX, SEVEN, EIGHT, TEN"))
                .body("errors.field", hasItem("standard"));
        given().get("/api/v1/checklists/SIX?kind=ENTERPRISE").then().statusCode(404)
                .contentType("application/problem+json");
        given().accept("text/html").get("/api/v1/checklists/NINE").then().statusCode(404);
    }

    @Test
    void badQueryValuesAreRefusedNamingTheParameter() {
        given().get("/api/v1/checklists/SIX?kind=PLANT&alertLevel=PURPLE&lang=fr").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("kind", "alertLevel", "lang"))
                .body("errors.find { it.field == 'alertLevel' }.message", containsString("NONE, BLUE, YELLOW, ORANGE, RED"));
    }

    @Test
    void theIndexNamesTheChecklistsAndTheLevels() {
        given().get("/api/v1/checklists").then().statusCode(200)
                .body("standards", equalTo(StandardsTable.standards()))
                .body("performanceGrades", hasItems("A", "LEADING", "B", "B_MINUS", "C", "D", "UNGRADED"))
                .body("alertLevels.level", equalTo(List.of("NONE", "BLUE", "YELLOW", "ORANGE", "RED")))
                .body("legalBases.find { it.code == 'EEC-AIR-121' }.title", startsWith("《生态环境法典》"))
                .body("legalBases.find { it.code == 'EEC-AIR-121' }.verified", equalTo(false))
                // repealed on 2026-08-15: not among the bases in force
                .body("legalBases.find { it.code == 'APPCL-121' }", nullValue());
    }

    @Test
    void aBrowserGetsAPrintablePage() {
        String page = given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/api/v1/checklists/SIX?alertLevel=YELLOW")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        for (String header : List.of("检查内容", "检查标准", "法律依据", "检查结果", "工地名称", "检查时间", "检查人", "签字",
                "/css/print.css", "黄色预警（III级）", "停止土方作业")) {
            assertTrue(page.contains(header), header);
        }
        // printed on A4: the style sheet is a file of its own (the pages' CSP allows no inline style)
        given().auth().none().get("/css/print.css").then().statusCode(200).body(containsString("@page { size: A4"));
        for (String item : StandardsTable.itemsOf("SIX")) {
            assertTrue(page.contains("data-code=\"" + item + "\""), item);
        }
        assertFalse(page.contains("data-code=\"ONLINE_MONITORING\""));
        given().accept("text/html").get("/api/v1/checklists/C?kind=ENTERPRISE&alertLevel=RED").then().statusCode(200)
                .body(containsString("企业名称"), containsString("绩效 C 级企业"));
        // a program asking for anything gets JSON
        given().accept("*/*").get("/api/v1/checklists/SIX").then().contentType("application/json")
                .body("items.code", everyItem(not(equalTo("ONLINE_MONITORING"))));
    }
}
