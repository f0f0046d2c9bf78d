package cn.lantian.notice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import cn.lantian.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notices out, with a webhook configured to a receiver in the test: an alert a CHIEF declares is
 * delivered with the subjects it stops, signed; a receiver that fails is retried with backoff and a
 * notice that keeps failing is FAILED until an ADMIN retries it; a notice written in a transaction that
 * rolls back is not kept; who may list them. Rounds are driven with {@code deliverDue()} and the pinned
 * clock; the background poll runs too, and changes nothing in what a round finds.
 */
@QuarkusTest
@TestProfile(NoticesTest.Webhook.class)
class NoticesTest {
    static final String SECRET = "the-secret-a-city-shares";

    public static class Webhook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lantian.notices.webhook-url", "http://127.0.0.1:" + Receiver.port() + "/hook?key=not-in-the-log",
                    "lantian.notices.secret", SECRET,
                    "lantian.notices.max-attempts", "3",
                    "lantian.notices.first-retry", "10S",
                    "lantian.notices.max-backoff", "15S",
                    "lantian.notices.timeout", "3S");
        }
    }

    static Receiver receiver;

    @Inject
    Notices notices;

    @Inject
    NoticeDeliverer deliverer;

    @Inject
    Database db;

    @Inject
    PinnedClock clock;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String city() {
        return "nt-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonPath list(String query) {
        return given().get("/api/v1/notices" + query).then().statusCode(200).extract().jsonPath();
    }

    /** The only notice of a jurisdiction, as listed. */
    static JsonPath only(String jurisdiction) {
        JsonPath p = list("?jurisdiction=" + jurisdiction);
        assertEquals(1, p.getInt("total"), p.prettify());
        return JsonPath.from(p.prettify()).setRootPath("items[0]");
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private void advance(Duration d) {
        clock.set(clock.instant().plus(d));
    }

    @Test
    void anAlertDeclaredByAChiefIsDeliveredSignedWithTheSubjectsItStops() throws Exception {
        String city = city();
        String digging = "S-" + UUID.randomUUID();
        String quiet = "S-" + UUID.randomUUID();
        for (String[] s : new String[][] {{digging, "{\"activities\": [\"EARTHWORK\"], \"stockpiles\": {\"count\": 4, \"covered\": 4}}"},
                {quiet, "{\"stockpiles\": {\"count\": 4, \"covered\": 4}}"}}) {
            given().contentType(ContentType.JSON).body("{\"inspectedAt\": \"2026-12-10T10:00:00+08:00\", \"subject\": {\"kind\": \"SITE\","
                    + " \"id\": \"" + s[0] + "\", \"name\": \"测试工地\", \"jurisdiction\": \"" + city + "\", \"standard\": \"SIX\"},"
                    + " \"site\": " + s[1] + "}").post("/api/v1/evaluations").then().statusCode(200);
        }
        String alertId = given().auth().preemptive().basic(TestUsers.CHIEF, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body("{\"level\": \"ORANGE\", \"from\": \"2026-12-15T00:00:00+08:00\", \"to\": \"2026-12-18T00:00:00+08:00\"}")
                .put("/api/v1/alerts/" + city).then().statusCode(200).extract().path("id");

        // the background poll sends it, with no round asked for
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (receiver.of(city).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        List<Receiver.Request> got = receiver.of(city);
        assertEquals(1, got.size(), "the receiver got " + got.size() + " notices of " + city);
        Receiver.Request r = got.get(0);
        JsonNode body = r.json();
        assertEquals("ALERT_DECLARED", body.path("event").asText());
        assertEquals("ALERT_DECLARED", r.header("X-Lantian-Event"));
        assertEquals(body.path("id").asText(), r.header("X-Lantian-Delivery"));
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("sha256=" + hmac(SECRET, r.body()), r.header("X-Lantian-Signature"));
        assertFalse(r.header("X-Lantian-Signature").equals("sha256=" + hmac("another-secret", r.body())));
        assertEquals(List.of("id", "event", "occurredAt", "jurisdiction", "subject", "data"), iterable(body.fieldNames()));
        assertEquals("2026-12-14T15:30:00Z", body.path("occurredAt").asText());
        assertEquals(city, body.path("jurisdiction").asText());
        assertTrue(body.path("subject").isNull());
        JsonNode alert = body.path("data").path("alert");
        assertEquals(alertId, alert.path("id").asText());
        assertEquals("ORANGE", alert.path("level").asText());
        assertEquals("2026-12-15T00:00:00+08:00", alert.path("from").asText());
        assertEquals("2026-12-18T00:00:00+08:00", alert.path("to").asText());
        assertEquals(city, alert.path("jurisdiction").asText());
        // ORANGE stops earthwork, demolition, muck transport, ... on every ordinary site: both are listed
        JsonNode subjects = body.path("data").path("subjects");
        assertEquals(2, subjects.size(), subjects.toString());
        assertEquals(java.util.Set.of(digging, quiet), java.util.Set.of(subjects.get(0).path("id").asText(),
                subjects.get(1).path("id").asText()));
        JsonNode s = subjects.get(0).path("id").asText().equals(digging) ? subjects.get(0) : subjects.get(1);
        assertEquals("测试工地", s.path("name").asText());
        assertEquals("SITE", s.path("kind").asText());
        boolean stopsEarthwork = false;
        for (JsonNode o : s.path("orders")) {
            stopsEarthwork |= o.path("type").asText().equals("STOP_ACTIVITY") && o.path("activity").asText().equals("EARTHWORK");
            assertFalse(o.path("reason").asText().isEmpty(), o.toString());
        }
        assertTrue(stopsEarthwork, s.toString());

        deliverer.deliverDue(); // waits for the background round to record what it sent
        JsonPath listed = only(city);
        assertEquals("ALERT_DECLARED", listed.getString("event"));
        assertEquals("DELIVERED", listed.getString("state"));
        assertEquals(1, listed.getInt("attempts"));
        assertEquals(200, listed.getInt("lastStatus"));
        assertEquals("2026-12-14T15:30:00Z", listed.getString("deliveredAt"));
        assertEquals(List.of(200), listed.getList("log.status"));
        assertEquals(2, listed.getList("data.subjects").size());
        assertNull(listed.get("nextAttemptAt"));

        // lifted: ALERT_LIFTED, its period cut at the service's clock (the alert had not begun: at its start)
        given().auth().preemptive().basic(TestUsers.CHIEF, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body("{\"reason\": \"forecast improved\"}").post("/api/v1/alerts/" + city + "/" + alertId + "/lift")
                .then().statusCode(200);
        deliverer.deliverDue();
        List<Receiver.Request> after = receiver.of(city);
        assertEquals(2, after.size());
        JsonNode lifted = after.get(1).json();
        assertEquals("ALERT_LIFTED", lifted.path("event").asText());
        assertEquals(alertId, lifted.path("data").path("alert").path("id").asText());
        assertEquals("2026-12-15T00:00:00+08:00", lifted.path("data").path("alert").path("to").asText());
        assertEquals("forecast improved", lifted.path("data").path("reason").asText());
        assertEquals("sha256=" + hmac(SECRET, after.get(1).body()), after.get(1).header("X-Lantian-Signature"));
    }

    @Test
    void aBlueAlertStopsNobody() {
        String city = city();
        given().contentType(ContentType.JSON).body("{\"inspectedAt\": \"2026-12-10T10:00:00+08:00\", \"subject\": {\"kind\": \"SITE\","
                + " \"id\": \"S-" + UUID.randomUUID() + "\", \"jurisdiction\": \"" + city + "\", \"standard\": \"SIX\"},"
                + " \"site\": {\"activities\": [\"EARTHWORK\"]}}").post("/api/v1/evaluations").then().statusCode(200);
        // BLUE only asks every site to intensify its dust control: no stop, so no subject is named
        given().auth().preemptive().basic(TestUsers.CHIEF, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body("{\"level\": \"BLUE\", \"from\": \"2026-12-15T00:00:00+08:00\"}")
                .put("/api/v1/alerts/" + city).then().statusCode(200);
        JsonPath n = only(city);
        assertEquals("ALERT_DECLARED", n.getString("event"));
        assertEquals("BLUE", n.getString("data.alert.level"));
        assertNull(n.get("data.alert.to"));
        assertEquals(List.of(), n.getList("data.subjects"));
    }

    @Test
    void aReceiverThatFailsTwiceThenAnswersGetsThreeAttemptsWithBackoff() {
        String city = city();
        receiver.script(city, 500, 500, 200);
        notices.enqueue(Notices.CASE_OPENED, city, "S-1", Map.of("case", "c-1", "violation", "STOCKPILE_COVER"));
        Instant start = clock.instant();

        deliverer.deliverDue();
        JsonPath n = only(city);
        assertEquals("PENDING", n.getString("state"));
        assertEquals(1, n.getInt("attempts"));
        assertEquals(500, n.getInt("lastStatus"));
        assertEquals("HTTP 500: gateway busy", n.getString("lastError"));
        assertEquals(start.plusSeconds(10).toString(), n.getString("nextAttemptAt"));

        // not due yet: nothing is sent
        deliverer.deliverDue();
        assertEquals(1, receiver.of(city).size());

        advance(Duration.ofSeconds(10));
        deliverer.deliverDue();
        n = only(city);
        assertEquals(2, n.getInt("attempts"));
        // 10 s doubled is 20 s, capped at lantian.notices.max-backoff (15 s here)
        assertEquals(clock.instant().plusSeconds(15).toString(), n.getString("nextAttemptAt"));

        advance(Duration.ofSeconds(15));
        deliverer.deliverDue();
        n = only(city);
        assertEquals("DELIVERED", n.getString("state"));
        assertEquals(3, n.getInt("attempts"));
        assertEquals(List.of(500, 500, 200), n.getList("log.status"));
        assertEquals(List.of(1, 2, 3), n.getList("log.attempt"));
        assertEquals(List.of(start.toString(), start.plusSeconds(10).toString(), start.plusSeconds(25).toString()),
                n.getList("log.at"));
        assertNull(n.get("lastError"));

        // the same notice each time: one delivery id, the same bytes, each signed
        List<Receiver.Request> got = receiver.of(city);
        assertEquals(3, got.size());
        for (Receiver.Request r : got) {
            assertEquals(n.getString("id"), r.header("X-Lantian-Delivery"));
            assertEquals("CASE_OPENED", r.header("X-Lantian-Event"));
            assertArrayEquals(got.get(0).body(), r.body());
        }
        assertEquals("S-1", got.get(0).json().path("subject").asText());
        assertEquals("c-1", got.get(0).json().path("data").path("case").asText());
    }

    @Test
    void aNoticeThatKeepsFailingIsFailedUntilAnAdminRetriesIt() {
        String city = city();
        receiver.script(city, 503);
        notices.enqueue(Notices.CASE_OVERDUE, city, "S-2", Map.of("case", "c-2"));
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
            advance(Duration.ofSeconds(15));
        }
        JsonPath n = only(city);
        String id = n.getString("id");
        assertEquals("FAILED", n.getString("state"));
        assertEquals(3, n.getInt("attempts"));
        assertNull(n.get("nextAttemptAt"));
        assertEquals(List.of(503, 503, 503), n.getList("log.status"));
        // FAILED is never sent again by itself
        advance(Duration.ofHours(2));
        deliverer.deliverDue();
        assertEquals(3, receiver.of(city).size());

        given().auth().preemptive().basic(TestUsers.CHIEF, TestUsers.PASSWORD).post("/api/v1/notices/" + id + "/retry")
                .then().statusCode(403).contentType("application/problem+json");
        receiver.script(city, 200);
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.PASSWORD).post("/api/v1/notices/" + id + "/retry")
                .then().statusCode(200)
                .body("state", equalTo("PENDING"))
                .body("attempts", equalTo(0))
                .body("nextAttemptAt", equalTo(clock.instant().toString()));
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.PASSWORD).post("/api/v1/notices/" + id + "/retry")
                .then().statusCode(409).contentType("application/problem+json");
        given().post("/api/v1/notices/" + UUID.randomUUID() + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("user", TestUsers.ADMIN).get("/api/v1/audit").then().statusCode(200)
                .body("events.find { it.target == '" + id + "' }.action", equalTo("NOTICE_RETRIED"));

        deliverer.deliverDue();
        n = only(city);
        assertEquals("DELIVERED", n.getString("state"));
        assertEquals(1, n.getInt("attempts"));
        assertEquals(List.of(503, 503, 503, 200), n.getList("log.status"));
        assertEquals(List.of(1, 2, 3, 4), n.getList("log.attempt"));
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        String city = city();
        receiver.script(city, Receiver.SLOW);
        notices.enqueue(Notices.CASE_REPLIED, city, null, Map.of());
        deliverer.deliverDue();
        JsonPath n = only(city);
        assertEquals("PENDING", n.getString("state"));
        assertEquals(1, n.getInt("attempts"));
        assertNull(n.get("lastStatus"));
        assertEquals("no answer within 3S", n.getString("lastError"));
        assertNull(n.get("log[0].status"));
        receiver.script(city, 200);
    }

    @Test
    void aNoticeWrittenInATransactionThatRollsBackIsNotKept() {
        String city = city();
        assertThrows(IllegalStateException.class, () -> db.transaction(() -> {
            notices.enqueue(Notices.CASE_CLOSED, city, "S-3", Map.of("case", "c-3"));
            throw new IllegalStateException("the change it tells of failed");
        }));
        assertEquals(0, list("?jurisdiction=" + city).getInt("total"));
        db.transaction(() -> {
            notices.enqueue(Notices.CASE_CLOSED, city, "S-3", Map.of("case", "c-3"));
            return null;
        });
        assertEquals(1, list("?jurisdiction=" + city).getInt("total"));
        // and an alert refused (a bad period) leaves no notice
        String other = city();
        given().auth().preemptive().basic(TestUsers.CHIEF, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body("{\"level\": \"RED\", \"from\": \"2026-12-15T00:00:00+08:00\", \"to\": \"2026-12-14T00:00:00+08:00\"}")
                .put("/api/v1/alerts/" + other).then().statusCode(400);
        assertEquals(0, list("?jurisdiction=" + other).getInt("total"));
    }

    @Test
    void anAdminListsEveryNoticeAChiefThoseOfItsJurisdictions() {
        String mine = "S-" + UUID.randomUUID();
        String theirs = "S-" + UUID.randomUUID();
        String elsewhere = city();
        notices.enqueue(Notices.CASE_OPENED, "zhengzhou", mine, Map.of());
        notices.enqueue(Notices.CASE_OPENED, elsewhere, theirs, Map.of());

        for (String user : List.of(TestUsers.ADMIN, TestUsers.CHIEF)) {
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).get("/api/v1/notices?subject=" + theirs)
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].jurisdiction", equalTo(elsewhere));
        }
        given().auth().preemptive().basic(TestUsers.CHIEF_ZZ, TestUsers.PASSWORD).get("/api/v1/notices?subject=" + mine)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].subject", equalTo(mine));
        given().auth().preemptive().basic(TestUsers.CHIEF_ZZ, TestUsers.PASSWORD).get("/api/v1/notices?subject=" + theirs)
                .then().statusCode(200).body("total", equalTo(0));
        JsonPath zz = given().auth().preemptive().basic(TestUsers.CHIEF_ZZ, TestUsers.PASSWORD).get("/api/v1/notices?size=200")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(zz.getList("items.jurisdiction").stream().allMatch("zhengzhou"::equals), zz.prettify());
        given().auth().preemptive().basic(TestUsers.CHIEF_ZZ, TestUsers.PASSWORD).get("/api/v1/notices?jurisdiction=" + elsewhere)
                .then().statusCode(403).contentType("application/problem+json");

        for (String user : List.of(TestUsers.INSPECTOR, TestUsers.AUDITOR, TestUsers.ENTERPRISE, TestUsers.MONITOR)) {
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).get("/api/v1/notices")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().none().get("/api/v1/notices").then().statusCode(401).contentType("application/problem+json");

        // filters and paging
        given().get("/api/v1/notices?event=CASE_OPENED&subject=" + theirs).then().statusCode(200)
                .body("total", equalTo(1)).body("page", equalTo(0)).body("size", equalTo(50));
        given().get("/api/v1/notices?event=CASE_CLOSED&subject=" + theirs).then().body("total", equalTo(0));
        given().get("/api/v1/notices?state=FAILED&subject=" + theirs).then().body("total", equalTo(0));
        given().get("/api/v1/notices?page=1&size=1&subject=" + theirs).then().body("total", equalTo(1))
                .body("items.size()", equalTo(0));
        given().get("/api/v1/notices?state=LOST&size=0&event=case-opened").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("state")).body("errors.field", hasItem("size")).body("errors.field", hasItem("event"));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
