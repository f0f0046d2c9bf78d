package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.fact.Activity;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.OrderType;
import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.SubjectKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The words the pages read: labels of every code, the record's schema with its field labels, the jurisdictions. */
@QuarkusTest
class VocabularyTest {
    private static final Pattern CHINESE = Pattern.compile("[\\x{4e00}-\\x{9fff}]");

    @Test
    void everyCodeOfTheContractHasAChineseLabel() {
        JsonPath v = given().get("/api/v1/vocabulary").then().statusCode(200)
                .body("rulesetVersion", startsWith("sha256:"))
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("labels.ACTIVITY.EARTHWORK", equalTo("土方作业"))
                .body("labels.VEHICLE_STANDARD.CN4", equalTo("国四"))
                .body("labels.ALERT_LEVEL.YELLOW", equalTo("黄色预警（III级）"))
                .body("labels.STANDARD.EIGHT", equalTo("八个百分之百"))
                .body("labels.FIELD.'site.enclosure.perimeterM'", equalTo("工地周长"))
                .body("labels.LEGAL_BASIS.'EEC-AIR-115'", equalTo("《生态环境法典》（原《大气污染防治法》第一百一十五条对应条款，条款号待核）"))
                // repealed, but an older decision still cites it by its title
                .body("labels.LEGAL_BASIS.'APPCL-115'", equalTo("《大气污染防治法》第一百一十五条"))
                .body("units.'site.enclosure.perimeterM'", equalTo("米"))
                .body("titles.ENCLOSURE", equalTo("施工工地周边围挡"))
                .extract().jsonPath();
        Map<String, Class<? extends Enum<?>>> enums = Map.of("ACTIVITY", Activity.class, "ORDER_TYPE", OrderType.class,
                "ALERT_LEVEL", AlertLevel.class, "PERFORMANCE_GRADE", PerformanceGrade.class, "SUBJECT_KIND", SubjectKind.class);
        enums.forEach((kind, type) -> {
            Map<String, String> labels = v.getMap("labels." + kind);
            assertEquals(Arrays.stream(type.getEnumConstants()).map(Enum::name).sorted().toList(),
                    labels.keySet().stream().sorted().toList(), kind);
        });
        Map<String, Map<String, String>> all = v.getMap("labels");
        all.forEach((kind, labels) -> labels.forEach((code, label) ->
                assertTrue(CHINESE.matcher(label).find(), kind + " " + code + " is labelled \"" + label + "\"")));
    }

    @Test
    void theRecordsSchemaComesFromItsRecordsWithTheLabelsOfRules() {
        JsonPath s = given().get("/api/v1/vocabulary/record").then().statusCode(200).extract().jsonPath();
        String enclosure = "fields.find { it.path == 'site' }.fields.find { it.path == 'site.enclosure' }";
        assertEquals("block", s.getString(enclosure + ".type"));
        assertEquals("周边围挡", s.getString(enclosure + ".label"));
        String perimeter = enclosure + ".fields.find { it.name == 'perimeterM' }";
        assertEquals("number", s.getString(perimeter + ".type"));
        assertEquals(true, s.getBoolean(perimeter + ".required"));
        assertEquals(0, s.getInt(perimeter + ".min"));
        assertEquals("工地周长", s.getString(perimeter + ".label"));
        assertEquals("米", s.getString(perimeter + ".unit"));
        assertEquals(List.of("ENCLOSURE"), s.getList(perimeter + ".items"));
        assertEquals(List.of("SITE"), s.getList("fields.find { it.path == 'site' }.forKinds"));

        String subject = "fields.find { it.path == 'subject' }";
        assertEquals("object", s.getString(subject + ".type"));
        String standard = subject + ".fields.find { it.name == 'standard' }";
        assertEquals("choice", s.getString(standard + ".type"));
        assertEquals("STANDARD", s.getString(standard + ".kind"));
        assertEquals(List.of("SIX", "SEVEN", "EIGHT", "TEN"), s.getList(standard + ".values"));
        assertEquals(List.of("SITE"), s.getList(standard + ".forKinds"));
        assertEquals(List.of("zhengzhou"), s.getList(subject + ".fields.find { it.name == 'jurisdiction' }.values"));

        String activities = "fields.find { it.path == 'site' }.fields.find { it.name == 'activities' }";
        assertEquals("choices", s.getString(activities + ".type"));
        assertEquals(Arrays.stream(Activity.values()).map(Enum::name).toList(), s.getList(activities + ".values"));
        String plan = "fields.find { it.path == 'enterprise' }.fields.find { it.name == 'plan' }";
        assertEquals("map", s.getString(plan + ".type"));
        assertEquals("ALERT_LEVEL", s.getString(plan + ".kind"));
        assertEquals("限产", s.getString(plan + ".fields.find { it.name == 'limitPercent' }.label"));
        assertEquals(100, s.getInt(plan + ".fields.find { it.name == 'limitPercent' }.max"));
        // a field no item records is asked for with the subject, not under an item
        assertEquals(null, s.getList("fields.find { it.path == 'enterprise' }.fields.find { it.name == 'industry' }.items"));
    }

    @Test
    void theJurisdictionsComeWithTheirNamesAndStandards() {
        given().get("/api/v1/jurisdictions").then().statusCode(200)
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("jurisdictions.jurisdiction", contains("zhengzhou"))
                .body("jurisdictions[0].title", equalTo("郑州市"))
                .body("jurisdictions[0].standard", equalTo("EIGHT"))
                .body("jurisdictions[0].standardTitle", equalTo("八个百分之百"));
    }

    @Test
    void messagesNameTruckStandardsAndLevelsInChinese() {
        String plant = """
            {"inspectedAt": "2026-12-14T10:30:00+08:00", "alertLevel": "ORANGE",
             "subject": {"kind": "ENTERPRISE", "id": "VOC-1", "jurisdiction": "zhengzhou"},
             "enterprise": {"industry": "CEMENT", "performanceGrade": "B_MINUS", "productionLoadPercent": 60,
                            "heavyDieselTrucksInUse": {"cn4OrBelow": 2, "cn5": 0, "cn6": 3, "electric": 0}}}
            """;
        given().contentType(ContentType.JSON).body(plant).post("/api/v1/evaluations?record=false").then().statusCode(200)
                .body("orders.find { it.type == 'STOP_HEAVY_DIESEL_TRANSPORT' }.reason",
                        equalTo("橙色预警（II级），停止使用国四及以下排放标准重型柴油货车运输。"))
                .body("orders.find { it.type == 'LIMIT_PRODUCTION' }.reason", containsString("绩效B- 级企业限产 30%"))
                .body("violations.find { it.code == 'HEAVY_DIESEL_TRANSPORT' }.message", containsString("国四及以下"))
                .body("orders.reason", not(hasItem(containsString("ORANGE"))));
    }
}
