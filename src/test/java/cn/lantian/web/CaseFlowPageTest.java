package cn.lantian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * One rectification case end to end on a phone's width (issue 17): an inspection orders two items; the
 * site's own account signs in, finds both among its tasks and replies to each with a photo, saying it is
 * put right; the inspector's follow-up, opened from the subject, shows the cases with the replies and the
 * photo and marks their items; it finds the fence put right and the stockpiles still uncovered: the fence's
 * case closes, the stockpiles' case is NOT_RECTIFIED with its daily penalty and a fake rectification.
 */
@QuarkusTest
class CaseFlowPageTest {
    private static final int PHONE = 390;

    @RegisterExtension
    static Browser browser = new Browser();

    @TestHTTPResource("/inspection.html")
    URL inspection;

    @TestHTTPResource("/cases.html")
    URL cases;

    @Inject
    PinnedClock clock;

    @BeforeEach
    void replyDay() {
        // the site replies on 12-12, between the order (12-10) and the follow-up (12-14)
        clock.set(Instant.parse("2026-12-12T04:00:00Z"));
    }

    @AfterEach
    void reset() {
        clock.reset();
        browser.signInAs(TestUsers.TESTER);
    }

    private static Path photo() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 60));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.WHITE);
        g.fillRect(100, 100, 440, 280);
        g.dispose();
        Path file = Files.createDirectories(Path.of("target", "test-photos")).resolve("fence-" + UUID.randomUUID() + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file.toAbsolutePath();
    }

    private void inspect(String subject, String at, int enclosed, int covered) {
        browser.open(inspection + "?subject=" + subject, PHONE);
        browser.visible("form#record[data-ready]");
        browser.time("inspectedAt", at);
        browser.type("subject.id", subject);
        browser.type("subject.name", "某小区3#楼");
        browser.choose("subject.standard", "SIX");
        browser.choose("alertLevel", "NONE");
        browser.visible("form#record[data-ready='NONE:SIX']");
        browser.type("site.enclosure.perimeterM", 420);
        browser.type("site.enclosure.enclosedM", enclosed);
        browser.type("site.enclosure.minHeightM", 2.5);
        browser.choose("site.enclosure.alongMainRoad", "true");
        browser.type("site.stockpiles.count", 4);
        browser.type("site.stockpiles.covered", covered);
        browser.visible("#submit").click();
        browser.visible("#result:not([hidden])");
    }

    @Test
    void aCaseGoesFromTheOrderThroughTheSitesReplyToTheFollowUp() throws IOException {
        String subject = "FLOW-" + UUID.randomUUID().toString().substring(0, 8);
        String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", site, "password", TestUsers.PASSWORD,
                "roles", List.of("ENTERPRISE"), "subjects", List.of(subject))).post("/api/v1/users").then().statusCode(201);

        // 12-10: the inspector finds a gap in the fence and an uncovered stockpile: two orders
        browser.signInAs(TestUsers.INSPECTOR_ZZ);
        inspect(subject, "2026-12-10T09:00:00+08:00", 399, 3);
        assertEquals(2, browser.all("#orders tr[data-type='RECTIFY']").size());
        assertTrue(browser.fitsWidth(), "the decision fits a phone");

        // the site signs in: both cases wait on its reply
        browser.signInAs(site);
        browser.open(cases.toString(), PHONE);
        browser.visible("main[data-ready]");
        assertEquals(2, browser.all("#tasks li[data-task='REPLY']").size());
        assertTrue(browser.visible("#tasks li[data-violation='ENCLOSURE']").getText().contains("2026年12月13日 09:00"),
                browser.visible("#tasks").getText());
        assertTrue(browser.fitsWidth(), "the list fits a phone");
        for (String item : List.of("ENCLOSURE", "STOCKPILE_COVER")) {
            browser.open(cases.toString(), PHONE);
            browser.visible("main[data-ready]");
            browser.visible("#tasks li[data-violation='" + item + "'] a").click();
            browser.visible("main[data-ready='OPEN:0']");
            assertTrue(browser.visible("#facts").getText().contains("2026年12月13日 09:00"), browser.visible("#facts").getText());
            browser.visible("#note").sendKeys("已按要求整改，照片见附件");
            browser.visible("#rectified").click();
            browser.driver().findElement(By.id("files")).sendKeys(photo().toString());
            browser.visible("#send").click();
            browser.visible("main[data-ready='REPLIED:1']");
            WebElement thumb = browser.visible("#replies li[data-seq='1'] ul.evidence img");
            browser.until("the thumbnail loaded", d -> (Boolean) browser.js(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0;", thumb));
            assertTrue((Long) browser.js("return arguments[0].naturalWidth;", thumb) <= 320, "a thumbnail, not the photo");
            assertTrue(browser.fitsWidth(), "the case fits a phone");
            browser.screenshot("case-phone"); // the README's picture of a case
        }

        // 12-14: the follow-up, opened from the subject: its cases with the replies, their items first
        browser.signInAs(TestUsers.INSPECTOR_ZZ);
        browser.open(inspection + "?subject=" + subject, PHONE);
        browser.visible("#open-cases li[data-violation='ENCLOSURE']");
        assertEquals(2, browser.all("#open-cases ul.open-cases > li").size());
        assertTrue(browser.visible("#open-cases li[data-violation='STOCKPILE_COVER']").getText().contains("称已整改到位"));
        assertEquals(2, browser.all("#open-cases ul.evidence img").size());
        assertEquals("某小区3#楼", browser.field("subject.name").getAttribute("value"), "the subject is filled in from its record");
        browser.visible("form#record[data-ready]");
        assertEquals(List.of("ENCLOSURE", "STOCKPILE_COVER"), browser.all("#items fieldset.item.ordered").stream()
                .map(e -> e.getAttribute("data-item")).sorted().toList());
        inspect(subject, "2026-12-14T10:30:00+08:00", 420, 3);

        List<String> codes = browser.all("#violations tr").stream().map(r -> r.getAttribute("data-code")).toList();
        assertTrue(codes.containsAll(List.of("STOCKPILE_COVER", "NOT_RECTIFIED", "FAKE_RECTIFICATION")), codes.toString());
        assertTrue(!codes.contains("ENCLOSURE"), codes.toString());
        WebElement daily = browser.visible("#penalties li[data-measure='DAILY_CONTINUOUS_PENALTY']");
        assertTrue(daily.getText().contains("按日连续处罚"), daily.getText());
        browser.until("the cases show what the follow-up found", d ->
                "CLOSED".equals(browser.visible("#open-cases li[data-violation='ENCLOSURE']").getAttribute("data-state")));
        assertEquals("NOT_RECTIFIED", browser.visible("#open-cases li[data-violation='STOCKPILE_COVER']").getAttribute("data-state"));
        assertTrue(browser.fitsWidth(), "the follow-up fits a phone");
        assertEquals(List.of(), Words.spelledIn(browser, "main", Words.labelledCodes()));
    }
}
