package cn.lantian.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /q/metrics on the main interface: an ADMIN reads them; the decisions, their violations by code and
 * jurisdiction, the rules' run time and the store's latency move when an evaluation is decided, and the
 * ruleset serving is the gauge's version; anyone else is refused as problem+json.
 */
@QuarkusTest
class MetricsTest {
    @jakarta.inject.Inject
    cn.lantian.store.Database db;
    private static final String AT = "2026-12-14T10:30:00+08:00";

    private static String site(String id, String jurisdiction) {
        // four stockpiles, three covered: STOCKPILE_COVER fails
        return "{\"inspectedAt\": \"" + AT + "\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + id + "\", \"jurisdiction\": \""
                + jurisdiction + "\", \"standard\": \"EIGHT\"}, \"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 3}}}";
    }

    private static String metrics() {
        return given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.PASSWORD).get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }

    /** The value of one series (name and labels exactly as Prometheus writes them), 0 when absent. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void decide(String body, boolean record) {
        given().auth().preemptive().basic(TestUsers.INSPECTOR, TestUsers.PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations?record=" + record).then().statusCode(200)
                .body("violations.code", org.hamcrest.Matchers.hasItem("STOCKPILE_COVER"));
    }

    @Test
    void theCountersMoveWithEachDecision() {
        String before = metrics();
        decide(site("M-PREVIEW-1", "zhengzhou"), false);
        decide(site("M-RECORD-1", "zhengzhou"), true);
        decide(site("M-OTHER-1", "nowhere-land"), false);
        String after = metrics();

        String preview = "lantian_decisions_total{compliant=\"false\",jurisdiction=\"zhengzhou\",recorded=\"false\"}";
        String recorded = "lantian_decisions_total{compliant=\"false\",jurisdiction=\"zhengzhou\",recorded=\"true\"}";
        String code = "lantian_decision_violations_total{code=\"STOCKPILE_COVER\",jurisdiction=\"zhengzhou\"}";
        // a jurisdiction the rules do not define is counted, under one tag for all such names
        String other = "lantian_decision_violations_total{code=\"STOCKPILE_COVER\",jurisdiction=\"other\"}";
        assertEquals(value(before, preview) + 1, value(after, preview), after);
        assertEquals(value(before, recorded) + 1, value(after, recorded), after);
        assertEquals(value(before, code) + 2, value(after, code), after);
        assertEquals(value(before, other) + 1, value(after, other), after);
        assertTrue(!after.contains("jurisdiction=\"nowhere-land\""), "a request's free text is never a tag");
        assertEquals(value(before, "lantian_rules_run_seconds_count") + 3, value(after, "lantian_rules_run_seconds_count"));
        // PostgreSQL makes its commits durable itself: only the embedded H2 waits for a sync
        for (String op : db.name().equals("h2") ? List.of("statement", "commit", "sync") : List.of("statement", "commit")) {
            String count = "lantian_store_latency_seconds_count{operation=\"" + op + "\"}";
            assertTrue(value(after, count) > value(before, count), op + " did not move:\n" + after);
        }
        assertTrue(after.contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/evaluations\"}"),
                "the HTTP server's own metrics");
    }

    @Test
    void theGaugeNamesTheRulesetServing() {
        String version = given().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
        String text = metrics();
        assertEquals(1.0, value(text, "lantian_ruleset_active{version=\"" + version + "\"}"), text);
    }

    @Test
    void onlyAnAdminReadsThemOnTheMainInterface() {
        given().auth().none().get("/q/metrics").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401));
        given().auth().preemptive().basic(TestUsers.ADMIN, "not-the-password").get("/q/metrics")
                .then().statusCode(401).contentType("application/problem+json");
        for (String user : List.of(TestUsers.CHIEF, TestUsers.INSPECTOR, TestUsers.AUDITOR, TestUsers.ENTERPRISE, TestUsers.MONITOR)) {
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).header("Accept-Language", "zh").get("/q/metrics")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("title", equalTo("无权访问"))
                    .body("detail", containsString("管理员"));
        }
        // below the path too
        given().auth().none().get("/q/metrics/anything").then().statusCode(401);
    }
}
