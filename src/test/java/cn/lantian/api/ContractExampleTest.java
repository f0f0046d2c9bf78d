package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The answer's shape as the contract fixes it, on the contract's own example with an enclosure gap. */
@QuarkusTest
class ContractExampleTest {
    static final String EXAMPLE = """
        {
          "inspectionId": "optional, client's own id",
          "inspectedAt": "2026-12-14T10:30:00+08:00",
          "subject": {"kind": "SITE", "id": "ZZ-2026-0834", "name": "某小区3#楼", "jurisdiction": "zhengzhou",
                      "standard": "EIGHT", "keyProject": false, "nearMonitoringStation": false},
          "site": {
            "activities": ["EARTHWORK", "MUCK_TRANSPORT"],
            "nightWork": false,
            "enclosure":  { "perimeterM": 420, "enclosedM": 399, "minHeightM": 2.5, "alongMainRoad": true },
            "stockpiles": { "count": 4, "covered": 4 },
            "bareSoil":   { "areaM2": 1500, "coveredM2": 1500 },
            "washing":    { "facilityInstalled": true, "vehiclesLeaving": 30, "vehiclesWashed": 30, "mudOnRoad": false },
            "roads":      { "areaM2": 2000, "hardenedM2": 2000 },
            "wetWork":    { "dustyOperations": 3, "wetOperations": 3 },
            "muckTrucks": { "count": 10, "sealed": 10 },
            "monitoring": { "pm10MonitorInstalled": true, "videoInstalled": true, "connected": true },
            "machinery":  { "count": 5, "registered": 5, "compliant": 5 },
            "onSiteMixing": { "concrete": false, "mortar": false },
            "pm10HourlyUgM3": 120
          }
        }
        """;

    @Test
    void aViolationCarriesItsMeasureRuleAndLaw() {
        given().contentType(ContentType.JSON).body(EXAMPLE)
                .post("/api/v1/evaluations?record=false")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("evaluationId", notNullValue())
                .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("compliant", equalTo(false))
                .body("violations", hasSize(1))
                .body("violations[0].code", equalTo("ENCLOSURE"))
                .body("violations[0].title", equalTo("施工工地周边围挡"))
                .body("violations[0].standard", equalTo("EIGHT"))
                .body("violations[0].observed", equalTo(0.95f))
                .body("violations[0].required", equalTo(1.0f))
                .body("violations[0].legalBasis", equalTo("EEC-AIR-115"))
                .body("violations[0].rule", equalTo("The site's perimeter must be fully enclosed"))
                .body("violations[0].message", startsWith("工地周长 420 米"))
                .body("orders.type", hasItems("RECTIFY"))
                .body("orders[0].violation", equalTo("ENCLOSURE"))
                .body("orders[0].deadline", equalTo("2026-12-17T10:30:00+08:00"))
                .body("penalties", hasSize(1))
                .body("penalties[0].legalBasis", equalTo("EEC-AIR-115"))
                .body("penalties[0].recommendedFineYuan", equalTo(10000))
                .body("penalties[0].measures", hasItems("ORDER_CORRECTION"))
                .body("penalties[0].reason", equalTo("1 项违反《生态环境法典》（原《大气污染防治法》第一百一十五条对应条款，条款号待核）：起点 10000 元 ÷ 100000 元 = 10%；"
                        + "[10% + 0% × (1 − 10%)] × 100000 元 = 10000 元（四舍五入到 100 元，不超过最高额）。"))
                .body("penalties[0].calculation", hasItems("起点 10000 元 ÷ 100000 元 = 10%"))
                .body("trace.rule", hasItems("The site's perimeter must be fully enclosed",
                        "Every other violation must be put right within the default deadline"))
                .body("trace.file", everyItem(startsWith("rules/")))
                .body("trace.find { it.rule == \"The site's perimeter must be fully enclosed\" }.matched.e.enclosedM",
                        equalTo(399.0f));
    }

    @Test
    void theRulesetIsListedWithItsMetadata() {
        given().get("/api/v1/ruleset")
                .then().statusCode(200)
                .body("version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("standards", hasItems("SIX", "SEVEN", "EIGHT", "TEN"))
                .body("files", hasItems("rules/dust/standard-items.drl", "rules/dust/standards.csv"))
                .body("rules.code", everyItem(notNullValue()))
                .body("rules.title", everyItem(notNullValue()))
                .body("rules.legalBasis", everyItem(notNullValue()));
    }
}
