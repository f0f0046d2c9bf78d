package cn.lantian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditor's console in the browser (issue 19): an auditor lowers pm10.hourlyLimit in the parameters grid,
 * sees the validation pass and the fixture case that changes (old beside new, in Chinese), accepts its new
 * answer, activates with a reason, finds the new version in the history and rolls back to the one before;
 * then the shipped rules serve again, as every other test of this run expects.
 */
@QuarkusTest
class RuleConsolePageTest {
    private static final int WIDE = 1280;
    /** Compiles and fixture runs take seconds on a busy machine: longer than the browser's usual wait. */
    private static final Duration COMPILE = Duration.ofSeconds(180);
    private static final String CASE = "PM10：小时浓度恰好 150 µg/m³ → 合格（严格大于才超标）";

    @RegisterExtension
    static Browser browser = new Browser();

    @TestHTTPResource("/rules.html")
    URL console;

    @TestHTTPResource("/rules-history.html")
    URL history;

    @TestHTTPResource("/")
    URL index;

    private Integer original;

    @AfterEach
    void backToTheShippedRules() {
        browser.signInAs(TestUsers.TESTER);
        Integer now = given().get("/api/v1/ruleset").then().extract().path("storedVersion");
        if (original != null && !original.equals(now)) {
            given().contentType(ContentType.JSON).body("{\"reason\": \"测试结束，恢复原规则\"}")
                    .post("/api/v1/ruleset/versions/" + original + "/activate").then().statusCode(200);
        }
    }

    private WebElement waitFor(String css) {
        new WebDriverWait(browser.driver(), COMPILE).withMessage(css)
                .until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed));
        return browser.driver().findElement(By.cssSelector(css));
    }

    @Test
    void anAuditorLowersThePm10LimitAcceptsTheChangedCaseActivatesAndRollsBack() {
        original = given().get("/api/v1/ruleset").then().statusCode(200).extract().path("storedVersion");
        browser.signInAs(TestUsers.AUDITOR);
        browser.open(index.toString(), WIDE);
        browser.visible("#to-rules");
        browser.visible("#to-rules-history");

        browser.open(console.toString(), WIDE);
        waitFor("main[data-ready='true']");
        assertTrue(browser.visible("#active").getText().contains("现行版本 " + original), browser.visible("#active").getText());
        // a rule file opened shows its rules with their code, title, legal basis and phase, and its text
        browser.visible(".tree button.file[data-kind='rules'][data-path='dust/related-duties.drl']").click();
        WebElement rule = browser.visible("#rules-of-file li[data-rule='Hourly PM10 on site must not exceed the limit']");
        assertTrue(rule.getText().contains("PM10 小时浓度超标") && rule.getText().contains("PM10_EXCEEDED")
                && rule.getText().contains("阶段"), rule.getText());
        assertTrue(browser.visible("#text-editor").getAttribute("value").contains("pm10.hourlyLimit"));
        browser.visible(".tree button.file[data-kind='rules'][data-path='dust/parameters.csv']").click();
        WebElement limit = browser.visible("#grid tr[data-key='pm10.hourlyLimit'] input[data-col='1']");
        assertEquals("150", limit.getAttribute("value"));
        limit.clear();
        limit.sendKeys("140");
        waitFor("#validity[data-state='valid']");
        assertTrue(browser.visible("#edited").getText().contains("rules/dust/parameters.csv"));

        browser.visible("#compare").click();
        WebElement changed = waitFor("#changes tr.case-head[data-case='" + CASE + "']");
        assertTrue(changed.getText().contains("预期不再成立"), changed.getText());
        String table = browser.visible("#changes").getText();
        assertTrue(table.contains("合格") && table.contains("不合格"), table);
        assertTrue(table.contains("PM10 小时浓度超标"), table);
        assertTrue(table.contains("限期整改"), table);
        changed.findElement(By.cssSelector("input.accept-case")).click();
        browser.visible("#accept").click();
        browser.until("the case accepted", d -> browser.visible("#accepted").getText().contains(CASE));
        assertTrue(browser.visible("#edited").getText().contains("fixtures/dust/related-duties.json"));

        browser.visible("#reason").sendKeys("PM10 限值降至 140 µg/m³，恰为 150 的用例改为超标");
        browser.visible("#activate").click();
        WebElement activated = waitFor("#activated");
        int version = Integer.parseInt(activated.getAttribute("data-version"));
        assertTrue(version > original, activated.getText());
        assertEquals(version, (Integer) given().get("/api/v1/ruleset").then().extract().path("storedVersion"));
        given().contentType(ContentType.JSON).body("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", "
                        + "\"id\": \"T\", \"standard\": \"SIX\"}, \"site\": {\"pm10HourlyUgM3\": 145}}")
                .post("/api/v1/evaluations?record=false").then().statusCode(200).body("compliant", org.hamcrest.Matchers.equalTo(false));
        // the accepted case's expectation was rewritten in its file's own layout, the rest of the file untouched
        String fixture = given().auth().preemptive().basic(TestUsers.AUDITOR, TestUsers.PASSWORD)
                .get("/api/v1/ruleset/versions/" + version).then().extract().path("fixtures['dust/related-duties.json']");
        assertTrue(fixture.contains("\"violations\": [\"PM10_EXCEEDED\"]"), fixture);
        browser.screenshot("rule-console");

        browser.open(history.toString(), WIDE);
        waitFor("main[data-ready='true']");
        WebElement row = browser.visible("#versions tr[data-version='" + version + "']");
        assertTrue(row.getText().contains("PM10 限值降至 140"), row.getText());
        assertTrue(row.getText().contains("现行"), row.getText());
        assertTrue(row.getText().contains(TestUsers.AUDITOR), row.getText());
        // the difference between the two versions, file by file
        new Select(browser.visible("#diff-from")).selectByValue(String.valueOf(original));
        new Select(browser.visible("#diff-to")).selectByValue(String.valueOf(version));
        browser.visible("#diff").click();
        WebElement files = waitFor("#diff-result .file-diff[data-file='rules/dust/parameters.csv']");
        assertTrue(files.getText().contains("+pm10.hourlyLimit,140,"), files.getText());
        waitFor("#decision-changes tr.case-head[data-case='" + CASE + "']");

        new Select(browser.visible("#target")).selectByValue(String.valueOf(original));
        browser.visible("#rollback-reason").sendKeys("限值调整待正式发文，先回退");
        browser.visible("#rollback").click();
        WebElement rolledBack = waitFor("#rolled-back");
        assertTrue(rolledBack.getText().contains("已回退到版本 " + original), rolledBack.getText());
        browser.until("the original version is the active one again", d ->
                browser.visible("#versions tr[data-version='" + original + "']").getText().contains("现行"));
        browser.screenshot("rule-history");
        assertEquals(original, (Integer) given().get("/api/v1/ruleset").then().extract().path("storedVersion"));
        assertTrue(browser.visible("#activations").getText().contains("限值调整待正式发文，先回退"));
    }
}
