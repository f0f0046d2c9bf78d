package cn.lantian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An inspector records a site and sees the decision: violations, orders and penalties with their law, how much
 * of the standard was inspected, every time in Chinese. The jurisdiction goes with the record, and with it the
 * standard and the alert in force unless the inspector chooses otherwise.
 */
@QuarkusTest
class InspectionPageTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/inspection.html")
    URL page;

    /** The page with the jurisdiction's defaults; the time is an instant in Beijing whatever the machine's zone. */
    private void open(String inspectedAt) {
        browser.open(page.toString(), 1280);
        browser.visible("form#record[data-ready]");
        browser.time("inspectedAt", inspectedAt);
        // a subject of its own each run: the service keeps evaluations and would see a repeat offender
        browser.type("subject.id", "IN-" + UUID.randomUUID());
    }

    private void openFor(String standard, String level) {
        open("2026-12-14T10:30:00+08:00");
        browser.choose("subject.standard", standard);
        browser.choose("alertLevel", level);
        browser.visible("form#record[data-ready='" + level + ":" + standard + "']");
    }

    private void enclosureWithAGap() {
        browser.type("site.enclosure.perimeterM", 420);
        browser.type("site.enclosure.enclosedM", 399);
        browser.type("site.enclosure.minHeightM", 2.5);
        browser.choose("site.enclosure.alongMainRoad", "true");
    }

    /** The request as the service received it, read back from the store by the id the page shows. */
    private static JsonPath sent() {
        String id = browser.visible("#result").getAttribute("data-evaluation-id");
        return new JsonPath(given().get("/api/v1/evaluations/" + id + "/record").then().statusCode(200)
                .extract().jsonPath().getString("request"));
    }

    private static void assertNoLabelledCode() {
        assertEquals(List.of(), Words.spelledIn(browser, "#result", Words.labelledCodes()));
    }

    @Test
    void aZhengzhouSiteIsJudgedByItsJurisdictionsEightItems() {
        open("2026-12-14T10:30:00+08:00");
        assertEquals("zhengzhou", browser.field("subject.jurisdiction").getAttribute("value"));
        browser.visible("form#record[data-ready$=':EIGHT']");
        assertTrue(browser.visible("[data-field='subject.standard'] option[value='']").getText().contains("八个百分之百"));
        assertTrue(browser.all("[data-item='NON_ROAD_MACHINERY']").size() == 1, "EIGHT asks about non-road machinery");
        enclosureWithAGap();
        browser.visible("#submit").click();

        WebElement violation = browser.visible("#violations tr[data-code='ENCLOSURE']");
        assertTrue(violation.getText().contains("95%"), violation.getText());
        assertEquals("已检查 1/8 项", browser.visible("#coverage strong").getText());
        assertTrue(browser.visible("#coverage").getText().contains("非道路移动机械达标"), browser.visible("#coverage").getText());
        JsonPath sent = sent();
        assertEquals("zhengzhou", sent.getString("subject.jurisdiction"));
        assertNull(sent.get("subject.standard"), "the default standard is the jurisdiction's: the page names none");
        assertNull(sent.get("alertLevel"), "the default level is the one in force: the page names none");
        // 72 hours after 10:30 in Beijing, written as a Chinese date in the jurisdiction's zone, never as ISO
        String deadline = browser.visible("#orders tr[data-type='RECTIFY'] td.deadline").getText();
        assertEquals("2026年12月17日 10:30", deadline);
        assertFalse(browser.visible("#result").getText().matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*"),
                browser.visible("#result").getText());
        assertTrue(browser.visible("#result-meta").getText().contains("郑州市"), browser.visible("#result-meta").getText());
        assertNoLabelledCode();
    }

    @Test
    void theAlertDeclaredForTheJurisdictionAppliesWhenTheInspectorChoosesNone() {
        // a day no other test inspects in zhengzhou: the declaration stays in the test database
        given().contentType(ContentType.JSON)
                .body("{\"level\": \"YELLOW\", \"from\": \"2027-01-20T00:00:00+08:00\", \"to\": \"2027-01-21T00:00:00+08:00\"}")
                .put("/api/v1/alerts/zhengzhou").then().statusCode(200);
        open("2027-01-20T10:30:00+08:00");
        browser.visible("form#record[data-ready='YELLOW:EIGHT']");
        assertTrue(browser.visible("[data-field='alertLevel'] option[value='']").getText().contains("黄色预警（III级）"));
        assertTrue(browser.visible("[data-hint-for='alertLevel']").getText().contains("2027年1月20日 00:00"),
                browser.visible("[data-hint-for='alertLevel']").getText());
        browser.driver().findElement(By.cssSelector("input[name='site.activities'][value='EARTHWORK']")).click();
        browser.visible("#submit").click();

        WebElement violation = browser.visible("#violations tr[data-code='ALERT_ORDER_IGNORED']");
        assertTrue(violation.getText().contains("黄色预警（III级）要求停止土方作业"), violation.getText());
        WebElement stop = browser.visible("#orders tr[data-type='STOP_ACTIVITY']");
        assertTrue(stop.getText().contains("黄色预警（III级）期间"), stop.getText());
        assertEquals("已检查 0/8 项", browser.visible("#coverage strong").getText());
        assertNull(sent().get("alertLevel"));
        assertNoLabelledCode();

        // the next day the alert is over: the page asks the items of no alert
        open("2027-01-21T10:30:00+08:00");
        browser.visible("form#record[data-ready='NONE:EIGHT']");
    }

    @Test
    void aGapInTheEnclosureIsAViolationOfArticle115() {
        openFor("EIGHT", "NONE");
        enclosureWithAGap();
        browser.visible("#submit").click();

        WebElement violation = browser.visible("#violations tr[data-code='ENCLOSURE']");
        assertTrue(violation.getText().contains("施工工地周边围挡"), violation.getText());
        assertTrue(violation.getText().contains("95%"), violation.getText());
        String basis = violation.findElement(By.cssSelector(".legal-basis")).getText();
        assertTrue(basis.contains("《生态环境法典》（原《大气污染防治法》第一百一十五条对应条款") && basis.contains("EEC-AIR-115"), basis);
        assertTrue(browser.visible("#orders tr[data-type='RECTIFY']").getText().contains("72 小时"));
        WebElement penalty = browser.visible("#penalties tr[data-basis='EEC-AIR-115']");
        assertTrue(penalty.getText().contains("10,000 元") && penalty.getText().contains("责令改正"), penalty.getText());
        assertTrue(penalty.getText().contains("（待核）"), penalty.getText());
        assertEquals("发现 1 项违法问题", browser.visible("#verdict").getText());
        // the Code's article is not verified yet: the decision says so before anyone signs it
        WebElement warning = browser.visible("#warnings li[data-basis='EEC-AIR-115']");
        assertTrue(warning.getText().contains("尚未核实") && warning.getText().contains("签发决定前"), warning.getText());
    }

    @Test
    void theCircumstancesRecordedRaiseTheFineAndTheCalculationShowsEachStep() {
        openFor("EIGHT", "NONE");
        enclosureWithAGap();
        assertTrue(browser.visible("fieldset[data-object='circumstances'] legend").getText().contains("违法情节"));
        browser.type("circumstances.durationDays", 100);
        browser.choose("circumstances.impact", "LARGE");
        browser.type("circumstances.verifiedComplaints12Months", 1);
        browser.visible("#submit").click();

        WebElement penalty = browser.visible("#penalties tr[data-basis='EEC-AIR-115']");
        List<String> lines = penalty.findElements(By.cssSelector("ol.calculation li")).stream().map(WebElement::getText).toList();
        // [10% + (5% + 18% + 15%) × 90%] × 100000 = 44200
        assertEquals(List.of("起点 10000 元 ÷ 100000 元 = 10%", "违法行为持续 100 日（3 至 6 个月） +5%", "环境影响较大 +18%",
                "一年内经核实的投诉 1 次 +15%",
                "[10% + 38% × (1 − 10%)] × 100000 元 = 44200 元（四舍五入到 100 元，不超过最高额）"), lines);
        assertTrue(penalty.findElement(By.cssSelector("td.money + td.money")).getText().contains("44,200 元"), penalty.getText());
        browser.screenshot("inspection-calculation"); // the README's picture of the inspection page
        // no English word in the decision a bureau reads (codes stand small beside their labels, .code)
        assertEquals(List.of(), Words.spelledIn(browser, "#result",
                List.of(java.util.regex.Pattern.compile("\\b(?=[A-Za-z]*[g-zG-Z])[A-Za-z]{3,}\\b"))));
        JsonPath sent = sent();
        assertEquals(100, sent.getInt("circumstances.durationDays"));
        assertEquals("LARGE", sent.getString("circumstances.impact"));
        assertNull(sent.get("circumstances.correctedOnSite"), "an unticked box is not sent");
        assertNoLabelledCode();
    }

    @Test
    void earthworkUnderAYellowAlertChosenByTheInspectorIsRefusingTheAlertMeasures() {
        openFor("SIX", "YELLOW");
        browser.driver().findElement(By.cssSelector("input[name='site.activities'][value='EARTHWORK']")).click();
        browser.visible("#submit").click();

        WebElement violation = browser.visible("#violations tr[data-code='ALERT_ORDER_IGNORED']");
        assertTrue(violation.getText().contains("《生态环境法典》（原《大气污染防治法》第一百二十一条对应条款"), violation.getText());
        assertTrue(browser.visible("#orders tr[data-type='STOP_ACTIVITY']").getText().contains("停止土方作业"));
        assertEquals("已检查 0/6 项", browser.visible("#coverage strong").getText());
        JsonPath sent = sent();
        assertEquals("SIX", sent.getString("subject.standard"));
        assertEquals("YELLOW", sent.getString("alertLevel"));
        assertEquals("zhengzhou", sent.getString("subject.jurisdiction"));
        assertNoLabelledCode();
    }

    @Test
    void aMissingMeasurementIsAskedForBesideItsField() {
        openFor("SIX", "NONE");
        browser.type("site.enclosure.perimeterM", 420);
        browser.visible("#submit").click();

        WebElement error = browser.visible("[data-for='site.enclosure.enclosedM'] .field-error");
        assertEquals("必填", error.getText());
    }
}
