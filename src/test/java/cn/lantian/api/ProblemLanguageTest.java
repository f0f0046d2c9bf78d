package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.engine.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Errors speak Chinese to the pages, which send {@code Accept-Language: zh}, and English (with codes) to
 * API clients: the title and each message, with the field paths the same in both. The texts live in one
 * bundle, ValidationMessages, beside the constraint messages.
 */
@QuarkusTest
class ProblemLanguageTest {
    private static final String BAD = "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", "
            + "\"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"standard\": \"SIX\"}, "
            + "\"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 5}, \"pm10HourlyUgM3\": -3}}";

    private static JsonPath problem(String body, String language, int status) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.post("/api/v1/evaluations?record=false").then().statusCode(status)
                .contentType("application/problem+json").extract().jsonPath();
    }

    @Test
    void thePagesReadChineseWithTheSameFields() {
        JsonPath en = problem(BAD, null, 400);
        JsonPath zh = problem(BAD, "zh", 400);
        assertEquals("The inspection record is invalid", en.getString("title"));
        assertEquals("检查记录无效", zh.getString("title"));
        assertEquals(en.getList("errors.field"), zh.getList("errors.field"));
        assertEquals(List.of("site.pm10HourlyUgM3", "site.stockpiles.covered"), en.getList("errors.field"));
        assertEquals(List.of("must not be negative", "must not exceed count (5 > 4)"), en.getList("errors.message"));
        assertEquals(List.of("不得为负数", "不得超过 count（5 > 4）"), zh.getList("errors.message"));
    }

    @Test
    void aBrowserPreferringChineseReadsChineseAndOnePreferringEnglishEnglish() {
        assertEquals("检查记录无效", problem(BAD, "zh-CN,zh;q=0.9,en;q=0.8", 400).getString("title"));
        assertEquals("The inspection record is invalid", problem(BAD, "en-US,en;q=0.9,zh;q=0.8", 400).getString("title"));
        assertEquals("The inspection record is invalid", problem(BAD, "fr", 400).getString("title"));
        assertEquals("The inspection record is invalid", problem(BAD, ";;;==", 400).getString("title"));
    }

    @Test
    void theReadersOwnMessagesSpeakChineseToo() {
        String unknown = "{\"inspectedAt\": \"2026-12-14T10:30:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\"}}";
        JsonPath zh = problem(unknown, "zh", 400);
        assertEquals("请求无效", zh.getString("title"));
        assertEquals("inspectedAt", zh.getString("errors[0].field"));
        assertEquals("“2026-12-14T10:30:00”不是带时区偏移的 ISO-8601 时间，如 2026-12-14T10:30:00+08:00",
                zh.getString("errors[0].message"));
        JsonPath en = problem(unknown, null, 400);
        assertEquals("\"2026-12-14T10:30:00\" is not an ISO-8601 time with an offset, e.g. 2026-12-14T10:30:00+08:00",
                en.getString("errors[0].message"));

        JsonPath rules = problem("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", "
                + "\"id\": \"ZZ-1\", \"standard\": \"NINE\"}, \"site\": {\"activities\": []}}", "zh", 400);
        assertEquals("subject.standard", rules.getString("errors[0].field"));
        assertTrue(rules.getString("errors[0].message").startsWith("未知标准“NINE”；rules/ 中定义的标准：SIX"),
                rules.getString("errors[0].message"));
    }

    @Test
    void theHttpLayersProblemsSpeakChineseToo() {
        given().contentType(ContentType.TEXT).header("Accept-Language", "zh").body("{}")
                .post("/api/v1/evaluations").then().statusCode(415).contentType("application/problem+json")
                .body("title", equalTo("不支持的内容类型"))
                .body("errors.field", hasItem("Content-Type"));
        given().contentType(ContentType.JSON).header("Accept-Language", "zh").body("{}")
                .post("/api/v1/evaluations?record=perhaps").then().statusCode(400)
                .body("errors.field", hasItem("record"))
                .body("errors[0].message", equalTo("须为 true 或 false"));
        given().header("Accept-Language", "zh").get("/api/v1/evaluations/no-such-id")
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo("未找到"));
        given().header("Accept-Language", "zh").get("/api/v1/self-checks")
                .then().statusCode(405).contentType("application/problem+json").body("title", equalTo("不支持该请求方法"));
        given().contentType(ContentType.JSON).header("Accept-Language", "zh").body("{}")
                .post("/api/v1/self-checks?x=" + "a".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json").body("title", equalTo("请求地址过长"))
                .body("detail", containsString("4096"));
    }

    /** Every English text has its Chinese, every Chinese text is in Chinese, and both name the same arguments. */
    @Test
    void theBundleSaysEverythingInBothLanguages() throws IOException {
        Properties en = bundle("/ValidationMessages.properties");
        Properties zh = bundle("/ValidationMessages_zh.properties");
        assertEquals(en.stringPropertyNames(), zh.stringPropertyNames());
        Pattern han = Pattern.compile("\\p{IsHan}");
        Pattern argument = Pattern.compile("\\{[a-zA-Z]+}");
        for (String key : en.stringPropertyNames()) {
            assertTrue(han.matcher(zh.getProperty(key)).find(), key + " = " + zh.getProperty(key));
            assertEquals(arguments(argument, en.getProperty(key)), arguments(argument, zh.getProperty(key)), key);
        }
        assertEquals(Locale.CHINESE, Messages.locale("zh-TW"));
        assertNotEquals(Locale.CHINESE, Messages.locale("en"));
    }

    private static List<String> arguments(Pattern p, String text) {
        return p.matcher(text).results().map(r -> r.group()).sorted().distinct().toList();
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ProblemLanguageTest.class.getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
