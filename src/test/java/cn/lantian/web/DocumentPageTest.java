package cn.lantian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each document of an evaluation opened in the browser at A4 width (210 mm at 96 dpi, 794 px): its stylesheet
 * applies (the page carries it inline), it fits the sheet, and no code with a Chinese label is spelt out in English.
 */
@QuarkusTest
class DocumentPageTest {
    /** A4's width at 96 dpi. */
    static final int A4 = 794;

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @TestHTTPResource("/inspection.html")
    URL inspectionPage;

    /** The inspection page's result links each document the decision gives ground for, and it opens. */
    @Test
    void theInspectionPageLinksTheDocumentsItsDecisionCallsFor() {
        browser.signInAs(TestUsers.INSPECTOR_ZZ);
        browser.open(inspectionPage.toString(), 1280);
        browser.visible("form#record[data-ready]");
        browser.time("inspectedAt", "2026-12-14T10:30:00+08:00");
        browser.type("subject.id", "DOC-PAGE-" + UUID.randomUUID());
        browser.type("site.enclosure.perimeterM", 420);
        browser.type("site.enclosure.enclosedM", 399);
        browser.type("site.enclosure.minHeightM", 2.5);
        browser.choose("site.enclosure.alongMainRoad", "true");
        browser.visible("#submit").click();
        browser.visible("#documents li[data-kind='penalty-decision'] a");
        List<String> kinds = browser.all("#documents li").stream().map(li -> li.getAttribute("data-kind")).toList();
        assertEquals(List.of("inspection-record", "rectification-notice", "penalty-notice", "penalty-decision"), kinds);
        String href = browser.visible("#documents li[data-kind='rectification-notice'] a").getAttribute("href");
        browser.open(href, A4);
        assertTrue(browser.visible("#title").getText().contains("责令改正通知书"));
    }

    @Test
    void eachDocumentPrintsInChineseAtA4Width() {
        String body = "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"alertLevel\": \"ORANGE\", \"subject\": {\"kind\": \"SITE\", "
                + "\"id\": \"DOC-WEB-" + UUID.randomUUID() + "\", \"name\": \"浏览器文书测试工地\", \"jurisdiction\": \"zhengzhou\", "
                + "\"standard\": \"EIGHT\"}, \"site\": {\"activities\": [\"EARTHWORK\"], "
                + "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 399, \"minHeightM\": 2.5, \"alongMainRoad\": true}, "
                + "\"stockpiles\": {\"count\": 4, \"covered\": 3}, \"muckTrucks\": {\"count\": 10, \"sealed\": 8}}}";
        String id = given().auth().preemptive().basic(TestUsers.INSPECTOR_ZZ, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations").then().statusCode(200).extract().jsonPath().getString("evaluationId");
        List<Pattern> codes = Words.labelledCodes();
        browser.signInAs(TestUsers.INSPECTOR_ZZ);
        for (String kind : List.of("inspection-record", "rectification-notice", "penalty-notice", "penalty-decision")) {
            browser.open(root.toString() + "api/v1/evaluations/" + id + "/documents/" + kind, A4);
            browser.visible("#document[data-kind='" + kind + "']");
            assertTrue(browser.visible("#party-name").getText().contains("浏览器文书测试工地"), kind);
            assertEquals("collapse", browser.js("return getComputedStyle(document.querySelector('#party')).borderCollapse;"),
                    kind + ": the inline stylesheet applies");
            assertTrue(browser.fitsWidth(), kind + " fits an A4 sheet");
            assertEquals(List.of(), Words.spelledIn(browser, "#document", codes), kind);
            browser.screenshot("document-" + kind);
        }
    }
}
