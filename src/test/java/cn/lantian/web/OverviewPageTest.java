package cn.lantian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import cn.lantian.registry.OverviewTest;
import cn.lantian.registry.RegistryTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The overview and a subject's file at a phone's width (issue 18): the chief's figures, four charts drawn,
 * the alert in force with the subjects it stops marked 已检查 or 未检查, and the file of a subject with its
 * profile, evaluations, cases and penalties; nothing to scroll sideways and no labelled code in English.
 */
@QuarkusTest
class OverviewPageTest {
    private static final int PHONE = 390;

    @RegisterExtension
    static Browser browser = new Browser();

    @TestHTTPResource("/overview.html")
    URL overview;

    @TestHTTPResource("/subject.html")
    URL subject;

    @TestHTTPResource("/subjects.html")
    URL subjects;

    @AfterEach
    void reset() {
        browser.signInAs(TestUsers.TESTER);
    }

    @Test
    void theChiefSeesTheOverviewOnAPhone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String city = OverviewTest.recordSet("pg-" + run, run);
        browser.signInAs(TestUsers.CHIEF);
        browser.open(overview + "?jurisdiction=" + city, PHONE);
        browser.visible("main[data-ready='true']");
        assertEquals("4", browser.visible("#n-subjects").getText());
        assertEquals("3", browser.visible("#n-inspections").getText());
        assertEquals("33.3%", browser.visible("#n-share").getText());
        for (String chart : List.of("chart-share", "chart-items", "chart-weeks", "chart-places")) {
            browser.until(chart + " drawn", d -> !browser.all("#" + chart + " canvas, #" + chart + " svg").isEmpty());
        }
        assertTrue(browser.visible("#overdue-cases").getAttribute("href").contains("/cases.html?overdue=true"));
        WebElement unchecked = browser.visible("#alert-list li[data-subject='A-" + run + "']");
        assertTrue(unchecked.getText().contains("未检查"), unchecked.getText());
        WebElement checked = browser.visible("#alert-list li[data-subject='C-" + run + "']");
        assertTrue(checked.getText().contains("已检查"), checked.getText());
        assertTrue(browser.visible("#alert-list .alert-in-force").getText().contains("橙色"),
                browser.visible("#alert-list").getText());
        assertTrue(browser.fitsWidth(), "the overview fits a phone");
        browser.screenshot("overview-phone");
        assertEquals(List.of(), Words.spelledIn(browser, "main", Words.labelledCodes()));
        // the echarts webjar is served from the classpath
        given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200);
    }

    @Test
    void aSubjectHasItsFileAndIsListed() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String city = "pf-" + run;
        String id = "pf-" + run;
        given().contentType(ContentType.JSON).body(java.util.Map.of("kind", "SITE", "jurisdiction", city, "name", "档案测试工地",
                "creditCode", RegistryTest.CREDIT, "projectCode", "XM-2026-001", "builder", "某置业有限公司", "contractor", "某建设集团"))
                .put("/api/v1/subjects/" + id).then().statusCode(200);
        JsonPath decision = RegistryTest.record(RegistryTest.site(id, city, "2026-12-10T09:00:00+08:00", RegistryTest.PILES_OPEN));
        browser.open(subject + "?id=" + id, PHONE);
        browser.visible("main[data-ready='true']");
        assertTrue(browser.visible("#title").getText().contains("档案测试工地"), browser.visible("#title").getText());
        String facts = browser.visible("#profile").getText();
        assertTrue(facts.contains(RegistryTest.CREDIT) && facts.contains("某建设集团") && facts.contains("施工工地"), facts);
        assertEquals(1, browser.all("#evaluations li").size());
        assertEquals(1, browser.all("#cases li").size());
        assertEquals(decision.getList("penalties").size(), browser.all("#penalties li").size());
        assertTrue(browser.fitsWidth(), "the file fits a phone");
        browser.screenshot("subject-phone");
        assertEquals(List.of(), Words.spelledIn(browser, "main", Words.labelledCodes()));

        browser.open(subjects + "?jurisdiction=" + city, PHONE);
        browser.visible("main[data-ready='true']");
        browser.visible("#subjects li[data-subject='" + id + "']");
        assertTrue(browser.visible("#export").getAttribute("href").contains("format=csv"));
        assertTrue(browser.fitsWidth(), "the list fits a phone");
        assertEquals(List.of(), Words.spelledIn(browser, "main", Words.labelledCodes()));
    }

    @jakarta.inject.Inject
    cn.lantian.PinnedClock clock;

    /** An inspector dismisses an alarm on the subject's file: the note is kept, the alarm shows as 经核实排除. */
    @Test
    void anInspectorVerifiesAnAlarmOnTheSubjectsFile() {
        clock.set(java.time.Instant.parse("2026-12-14T05:05:00Z"));
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            String device = "PV-" + run;
            String account = "pv-" + run;
            String id = "PV-SITE-" + run;
            given().contentType(ContentType.JSON).body(java.util.Map.of("username", account, "password", "monitor-password-1",
                    "roles", List.of("MONITOR"), "subjects", List.of(device))).post("/api/v1/users").then().statusCode(201);
            given().contentType(ContentType.JSON).body(java.util.Map.of("kind", "SITE", "jurisdiction", "zhengzhou", "name", "监测核实测试工地"))
                    .put("/api/v1/subjects/" + id).then().statusCode(200);
            given().contentType(ContentType.JSON).body(java.util.Map.of("subjectId", id, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                    .put("/api/v1/monitors/" + device).then().statusCode(200);
            List<java.util.Map<String, Object>> means = new java.util.ArrayList<>();
            List<java.util.Map<String, Object>> batch = new java.util.ArrayList<>();
            for (int hour = 9; hour <= 12; hour++) {
                String start = String.format("2026-12-14T%02d:00:00+08:00", hour);
                means.add(java.util.Map.of("hour", start, "valueUgM3", 60));
                for (int m = 0; m < 60; m++) {
                    batch.add(java.util.Map.of("at", java.time.OffsetDateTime.parse(start).plusMinutes(m).toString(), "valueUgM3", 200));
                }
            }
            batch.add(java.util.Map.of("at", "2026-12-14T13:00:00+08:00", "valueUgM3", 50));
            given().contentType(ContentType.JSON).body(means).put("/api/v1/backgrounds/zhengzhou/readings").then().statusCode(200);
            String alarmId = given().auth().preemptive().basic(account, "monitor-password-1").contentType(ContentType.JSON).body(batch)
                    .post("/api/v1/monitors/" + device + "/readings").then().statusCode(200).extract().jsonPath().getString("alarms[0].id");

            browser.signInAs(TestUsers.INSPECTOR);
            browser.open(subject + "?id=" + id, PHONE);
            browser.visible("main[data-ready='true']");
            WebElement alarm = browser.visible("#alarms li[data-alarm='" + alarmId + "']");
            assertTrue(alarm.getText().contains("待核实"), alarm.getText());
            browser.visible("#alarms li[data-alarm='" + alarmId + "'] details.verify summary").click();
            browser.visible("#alarms li[data-alarm='" + alarmId + "'] textarea[name='note']").sendKeys("设备采样头积尘，已校准");
            browser.visible("#alarms li[data-alarm='" + alarmId + "'] button[data-outcome='DISMISSED']").click();
            WebElement done = browser.visible("#alarms li[data-alarm='" + alarmId + "'][data-state='DISMISSED']");
            assertTrue(done.getText().contains("经核实排除") && done.getText().contains("设备采样头积尘"), done.getText());
            assertTrue(browser.all("#alarms li[data-alarm='" + alarmId + "'] details.verify").isEmpty());
            assertTrue(browser.fitsWidth(), "the file fits a phone");
            assertEquals(List.of(), Words.spelledIn(browser, "main", Words.labelledCodes()));
            given().get("/api/v1/alarms/" + alarmId).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("DISMISSED"))
                    .body("verifiedBy", org.hamcrest.Matchers.equalTo(TestUsers.INSPECTOR));
        } finally {
            clock.reset();
        }
    }
}
