package cn.lantian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.api.StandardsTable;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** From the landing page to the checklist of a standard at an alert level, and on to its printable page. */
@QuarkusTest
class ChecklistPageTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL home;

    @Test
    void theChecklistForSixListsExactlySixsItemsAndPrintsOnA4() {
        browser.open(home.toString(), 1280);
        browser.visible("#to-checklists").click();
        browser.visible("form#choose[data-ready]");
        browser.choose(browser.visible("#name"), "SIX");
        browser.choose(browser.visible("#level"), "YELLOW");
        browser.visible("#show").click();
        browser.until("the SIX checklist", d -> d.findElement(By.id("checklist-title")).getText().contains("六个百分之百"));

        assertEquals(StandardsTable.itemsOf("SIX"), codes("#items tbody tr[data-group='STANDARD']"));
        assertEquals(List.of("ALERT_ORDER_IGNORED"), codes("#items tbody tr[data-group='ALERT']"));
        assertTrue(browser.visible("#checklist-title").getText().contains("黄色预警（III级）"));
        assertTrue(browser.visible("#measures [data-applies-to='ORDINARY']").getText().contains("停止土方作业"));
        assertTrue(browser.visible("#measures [data-applies-to='ORDINARY'] h3").getText().equals("一般工地"));
        assertEquals(List.of(), Words.spelledIn(browser, "#checklist", Words.labelledCodes()));

        browser.visible("#print").click();
        browser.until("the printable page", d -> d.getCurrentUrl().contains("/api/v1/checklists/SIX"));
        List<String> headers = browser.all("table.items th").stream().map(WebElement::getText).toList();
        assertTrue(headers.containsAll(List.of("检查内容", "检查标准", "法律依据", "检查结果")), headers.toString());
        List<String> printed = codes("table.items tr.item");
        assertEquals(StandardsTable.itemsOf("SIX"), printed.subList(0, StandardsTable.itemsOf("SIX").size()));
        assertFalse(printed.contains("ONLINE_MONITORING"));
        assertTrue(browser.all("table.items tr.item td.result").stream().allMatch(td -> td.getText().isEmpty()));
        String fields = browser.visible(".fields").getText();
        assertTrue(fields.contains("工地名称") && fields.contains("检查时间") && fields.contains("检查人"), fields);
    }

    private static List<String> codes(String rows) {
        return browser.all(rows).stream().map(r -> r.getAttribute("data-code")).toList();
    }
}
