package cn.lantian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/** An inspector records a site and sees the decision: violations, orders and penalties with their law. */
@QuarkusTest
class InspectionPageTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/inspection.html")
    URL page;

    private void openFor(String standard, String level) {
        browser.open(page.toString(), 1280);
        browser.visible("form#record[data-ready]");
        browser.choose("subject.standard", standard);
        browser.choose("alertLevel", level);
        browser.visible("form#record[data-ready='" + level + ":" + standard + "']");
        browser.js("arguments[0].value = '2026-12-14T10:30'", browser.field("inspectedAt"));
        // a subject of its own each run: the service keeps evaluations and would see a repeat offender
        browser.type("subject.id", "IN-" + UUID.randomUUID());
    }

    @Test
    void aGapInTheEnclosureIsAViolationOfArticle115() {
        openFor("EIGHT", "NONE");
        browser.type("site.enclosure.perimeterM", 420);
        browser.type("site.enclosure.enclosedM", 399);
        browser.type("site.enclosure.minHeightM", 2.5);
        browser.choose("site.enclosure.alongMainRoad", "true");
        browser.visible("#submit").click();

        WebElement violation = browser.visible("#violations tr[data-code='ENCLOSURE']");
        assertTrue(violation.getText().contains("施工工地周边围挡"), violation.getText());
        assertTrue(violation.getText().contains("95%"), violation.getText());
        String basis = violation.findElement(org.openqa.selenium.By.cssSelector(".legal-basis")).getText();
        assertTrue(basis.contains("《大气污染防治法》第一百一十五条") && basis.contains("APPCL-115"), basis);
        assertTrue(browser.visible("#orders tr[data-type='RECTIFY']").getText().contains("72 小时"));
        WebElement penalty = browser.visible("#penalties tr[data-basis='APPCL-115']");
        assertTrue(penalty.getText().contains("10,000 元") && penalty.getText().contains("责令改正"), penalty.getText());
        assertEquals("发现 1 项违法问题", browser.visible("#verdict").getText());
    }

    @Test
    void earthworkUnderAYellowAlertIsRefusingTheAlertMeasures() {
        openFor("SIX", "YELLOW");
        browser.driver().findElement(org.openqa.selenium.By.cssSelector("input[name='site.activities'][value='EARTHWORK']")).click();
        browser.visible("#submit").click();

        WebElement violation = browser.visible("#violations tr[data-code='ALERT_ORDER_IGNORED']");
        assertTrue(violation.getText().contains("《大气污染防治法》第一百二十一条"), violation.getText());
        assertTrue(browser.visible("#orders tr[data-type='STOP_ACTIVITY']").getText().contains("停止土方作业"));
    }

    @Test
    void aMissingMeasurementIsAskedForBesideItsField() {
        openFor("SIX", "NONE");
        browser.type("site.enclosure.perimeterM", 420);
        browser.visible("#submit").click();

        WebElement error = browser.visible("[data-for='site.enclosure.enclosedM'] .field-error");
        assertEquals("is required", error.getText());
    }
}
