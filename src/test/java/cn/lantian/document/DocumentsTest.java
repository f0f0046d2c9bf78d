package cn.lantian.document;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * An evaluation's documents (contract section 9): each kind as A4 HTML and as PDF, with the party, the facts, the
 * articles (待核 where unverified), the orders' deadlines in Chinese, the fine and its calculation, the rights and a
 * number of the jurisdiction's sequence given once per evaluation and kind.
 */
@QuarkusTest
class DocumentsTest {
    static final String FENCE_SHORT = "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 399, \"minHeightM\": 2.5, \"alongMainRoad\": true}";
    static final String FENCE_OK = "\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 420, \"minHeightM\": 2.5, \"alongMainRoad\": true}";
    /** The Code's successor of art. 115, unverified from 2026-08-15 (domain.md section 8). */
    static final String ARTICLE = "《生态环境法典》（原《大气污染防治法》第一百一十五条对应条款，条款号待核）";

    static String site(String subject, String name, String jurisdiction, String blocks, String notes) {
        return "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject + "\", "
                + "\"name\": \"" + name + "\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, \"site\": {"
                + blocks + "}" + notes + "}";
    }

    static String record(String inspector, String body) {
        return given().auth().preemptive().basic(inspector, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations").then().statusCode(200).extract().jsonPath().getString("evaluationId");
    }

    static Response document(String user, String id, String kind, String accept) {
        return given().auth().preemptive().basic(user, TestUsers.PASSWORD).accept(accept)
                .get("/api/v1/evaluations/" + id + "/documents/" + kind);
    }

    static String html(String id, String kind) {
        Response r = document(TestUsers.INSPECTOR_ZZ, id, kind, "text/html");
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        return r.asString();
    }

    static String numberIn(String html) {
        Matcher m = Pattern.compile("<p class=\"number\" id=\"number\">([^<]+)</p>").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    static int serial(String number) {
        Matcher m = Pattern.compile("第(\\d+)号").matcher(number);
        assertTrue(m.find(), number);
        return Integer.parseInt(m.group(1));
    }

    static String fenced(String name) {
        String subject = "DOC-" + UUID.randomUUID();
        return record(TestUsers.INSPECTOR_ZZ, site(subject, name, "zhengzhou", FENCE_SHORT,
                ", \"notes\": [{\"item\": \"ENCLOSURE\", \"text\": \"东侧围挡缺口约二十一米\"}]"));
    }

    @Test
    void eachKindHoldsThePartyTheArticleTheDeadlineTheFineTheRightsAndANumber() {
        String name = "金水区文书测试工地" + UUID.randomUUID().toString().substring(0, 4);
        String id = fenced(name);

        String record = html(id, "inspection-record");
        assertTrue(record.contains("现场检查笔录"), record);
        assertTrue(record.contains(name));
        assertTrue(record.contains("东侧围挡缺口约二十一米"), "the inspector's note");
        assertTrue(record.contains("2026年12月14日10时30分"), "the inspection's time in Chinese");
        assertTrue(record.contains(TestUsers.INSPECTOR_ZZ), "the recording inspector");
        assertTrue(record.contains("郑州市生态环境局"));
        assertTrue(record.contains("统一社会信用代码") && record.contains("法定代表人"), "blank lines for the registry's particulars");
        assertTrue(record.contains("执法人员 1") && record.contains("执法人员 2") && record.contains("执法证号"));
        assertTrue(record.contains("当事人（签名或盖章）"));
        assertTrue(numberIn(record).matches("郑环现检〔2026〕第\\d{4}号"), numberIn(record));

        String notice = html(id, "rectification-notice");
        assertTrue(notice.contains("责令改正通知书") && notice.contains(name));
        assertTrue(notice.contains(ARTICLE), "the article's title");
        assertTrue(notice.contains("<span class=\"mark unverified\">待核</span>"), "待核 for the unverified article");
        assertTrue(notice.contains("2026年12月17日10时30分前"), "the deadline in Chinese");
        assertFalse(notice.contains("2026-12-17"), "never an ISO date");
        assertTrue(notice.contains("施工工地未设置硬质围挡"), "the conduct as the table states it");
        assertTrue(numberIn(notice).matches("郑环责改〔2026〕第\\d{4}号"), numberIn(notice));

        String penaltyNotice = html(id, "penalty-notice");
        assertTrue(penaltyNotice.contains("行政处罚事先告知书") && penaltyNotice.contains(name));
        assertTrue(penaltyNotice.contains(ARTICLE) && penaltyNotice.contains("待核"));
        assertTrue(penaltyNotice.contains("10,000 元"), "the recommended fine");
        assertTrue(penaltyNotice.contains("起点 10000 元 ÷ 100000 元"), "the fine's calculation");
        assertTrue(penaltyNotice.contains("陈述、申辩") && penaltyNotice.contains("听证") && penaltyNotice.contains("5 日内"),
                "the rights before a decision");
        assertFalse(penaltyNotice.contains("行政复议"));
        assertTrue(numberIn(penaltyNotice).matches("郑环罚告〔2026〕第\\d{4}号"));

        String decision = html(id, "penalty-decision");
        assertTrue(decision.contains("行政处罚决定书（草稿）") && decision.contains(name));
        assertTrue(decision.contains(ARTICLE) && decision.contains("待核"));
        assertTrue(decision.contains("10,000 元") && decision.contains("起点 10000 元 ÷ 100000 元"));
        assertTrue(decision.contains("60 日内依法申请行政复议") && decision.contains("6 个月内依法向人民法院提起行政诉讼"),
                "the rights after a decision");
        assertFalse(decision.contains("当事人（签名或盖章）"), "the decision is not signed by the party");
        assertTrue(numberIn(decision).matches("郑环罚决〔2026〕第\\d{4}号"));
        assertFalse(decision.contains("ENCLOSURE") || decision.contains("ORDER_CORRECTION") || decision.contains("RECTIFY"),
                "no code spelt out in English");
    }

    @Test
    void aNumberIsGivenOnceAndEachJurisdictionCountsOnItsOwn() {
        String first = fenced("编号测试工地甲");
        String again = numberIn(html(first, "rectification-notice"));
        assertEquals(again, numberIn(html(first, "rectification-notice")), "printing twice gives the same number");
        String second = fenced("编号测试工地乙");
        String next = numberIn(html(second, "rectification-notice"));
        assertEquals(serial(again) + 1, serial(next), again + " then " + next);

        // another jurisdiction: its own sequence and its own (default) prefix
        String gd1 = record(TestUsers.INSPECTOR_GD, site("DOC-GD-" + UUID.randomUUID(), "某市文书测试工地", "gdcity", FENCE_SHORT, ""));
        String gd2 = record(TestUsers.INSPECTOR_GD, site("DOC-GD-" + UUID.randomUUID(), "某市文书测试工地二", "gdcity", FENCE_SHORT, ""));
        Response r1 = document(TestUsers.INSPECTOR_GD, gd1, "rectification-notice", "text/html");
        Response r2 = document(TestUsers.INSPECTOR_GD, gd2, "rectification-notice", "text/html");
        String n1 = numberIn(r1.asString());
        String n2 = numberIn(r2.asString());
        assertTrue(n1.matches("环责改〔2026〕第\\d{4}号"), n1);
        assertEquals(serial(n1) + 1, serial(n2), n1 + " then " + n2);
        assertEquals(serial(next), serial(numberIn(html(second, "rectification-notice"))), "zhengzhou's sequence did not move");
        assertTrue(r1.asString().contains("广东省某市（示例）生态环境局"), "the default bureau named after the jurisdiction");
    }

    /** Printers at once: one number per evaluation and kind, and no number given twice or skipped. */
    @Test
    void printersAtOnceGetDistinctConsecutiveNumbers() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(fenced("并发编号测试工地" + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> asked = new java.util.ArrayList<>();
            for (String id : ids) {
                for (int twice = 0; twice < 2; twice++) {
                    asked.add(pool.submit(() -> numberIn(html(id, "penalty-decision"))));
                }
            }
            java.util.Map<String, java.util.Set<String>> byEvaluation = new java.util.LinkedHashMap<>();
            for (int i = 0; i < asked.size(); i++) {
                byEvaluation.computeIfAbsent(ids.get(i / 2), k -> new java.util.TreeSet<>()).add(asked.get(i).get());
            }
            byEvaluation.values().forEach(n -> assertEquals(1, n.size(), "one number per evaluation: " + n));
            List<Integer> serials = byEvaluation.values().stream().map(n -> serial(n.iterator().next())).sorted().toList();
            for (int i = 1; i < serials.size(); i++) {
                assertEquals(serials.get(i - 1) + 1, serials.get(i), "consecutive: " + serials);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePdfHoldsThePartyAndTheFine() throws IOException {
        String name = "文书打印测试工地";
        String id = fenced(name);
        Response r = document(TestUsers.INSPECTOR_ZZ, id, "penalty-notice", "application/pdf");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("application/pdf", r.contentType());
        java.nio.file.Files.write(java.nio.file.Path.of("target", "penalty-notice.pdf"), r.asByteArray());
        try (PDDocument pdf = Loader.loadPDF(r.asByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains(name), text);
            assertTrue(text.contains("10,000"), text);
            assertTrue(text.replaceAll("\\s", "").contains("行政处罚事先告知书"), text);
        }
    }

    @Test
    void aKindThatDoesNotApplyAnUnknownKindAndAnUnacceptableTypeAreProblems() {
        String id = record(TestUsers.INSPECTOR_ZZ, site("DOC-OK-" + UUID.randomUUID(), "合规工地", "zhengzhou", FENCE_OK, ""));
        for (String kind : List.of("rectification-notice", "penalty-notice", "penalty-decision")) {
            Response r = document(TestUsers.INSPECTOR_ZZ, id, kind, "text/html");
            assertEquals(409, r.statusCode(), kind);
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        }
        assertEquals(200, document(TestUsers.INSPECTOR_ZZ, id, "inspection-record", "text/html").statusCode());
        Response unknown = document(TestUsers.INSPECTOR_ZZ, id, "summons", "text/html");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.contentType().startsWith("application/problem+json"));
        assertTrue(unknown.asString().contains("penalty-decision"), unknown.asString());
        Response json = document(TestUsers.INSPECTOR_ZZ, id, "inspection-record", "application/json");
        assertEquals(406, json.statusCode());
        assertTrue(json.contentType().startsWith("application/problem+json"), json.contentType());
    }

    @Test
    void anotherJurisdictionsInspectorReadsNoDocument() {
        String id = fenced("辖区测试工地");
        int status = document(TestUsers.INSPECTOR_GD, id, "inspection-record", "text/html").statusCode();
        assertTrue(status == 403 || status == 404, "status " + status);
        assertNotEquals(200, document(TestUsers.INSPECTOR_GD, id, "penalty-notice", "application/pdf").statusCode());
    }

    @Test
    void noUsableFontSaysWhichPropertyToSet() {
        CjkFont.Unavailable e = assertThrows(CjkFont.Unavailable.class, () -> CjkFont.open(Optional.of("/no/such/font.ttf")));
        assertTrue(e.getMessage().contains(CjkFont.PROPERTY), e.getMessage());
    }
}
