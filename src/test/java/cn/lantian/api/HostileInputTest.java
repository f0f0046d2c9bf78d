package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through the HTTP API: a generated corpus over every field of the evaluation and
 * self-check requests ({@link HostileCorpus}), each sent to the recording evaluation and the self-check
 * in English and to the preview in Chinese, and the malformed bodies and headers a client can send
 * (wrong or no Content-Type, over the limits, not JSON) to all three. Every answer is a 4xx
 * problem+json, never a 5xx; it names the bad field by its JSON path in plain words (no class or library
 * names), in Chinese too for the pages with the same field paths; and the arithmetic of an absurd
 * record cannot overflow into a pass.
 */
@QuarkusTest
class HostileInputTest {
    private static final List<String> TARGETS = List.of("/api/v1/evaluations", "/api/v1/evaluations?record=false",
            "/api/v1/self-checks");
    private static final String PREVIEW = "/api/v1/evaluations?record=false";
    /** A library's or the JDK's words: class and package names, Jackson's phrases and token names. */
    private static final Pattern LEAK = Pattern.compile("(java|javax|jakarta|com\\.fasterxml|org\\.hibernate|org\\.jboss"
            + "|org\\.drools|org\\.kie|io\\.quarkus|io\\.vertx|io\\.netty)\\.[a-z]|Exception|OffsetDateTime|LocalDate"
            + "|\\bInteger\\b|\\bDouble\\b|\\bBoolean\\b|`|START_OBJECT|START_ARRAY|VALUE_STRING|VALUE_NUMBER|JsonToken"
            + "|Cannot deserialize|Cannot construct|reference chain|\\[Source|\\(code \\d+\\)|out of range of (int|long)"
            + "|StreamReadConstraints|JsonReadFeature|Unrecognized field|Numeric value");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Test
    void theRequestsTheCorpusStartsFromAreValid() {
        for (String target : TARGETS) {
            for (String base : HostileCorpus.BASES) {
                Response r = post(target, base, null);
                assertEquals(200, r.statusCode(), target + " " + base + "\n" + r.asString());
            }
        }
    }

    /**
     * The corpus goes to the recording evaluation and to the self-check in English, and to the preview in
     * Chinese as the pages read it, which must name the same fields. (Sent with the JDK's HTTP client over
     * one kept-alive connection: RestAssured costs some 40 ms a request here, the corpus would take minutes.)
     */
    @Test
    void everyHostileRequestIsAProblemNamingItsField() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, List<String>> englishFields = new LinkedHashMap<>();
        int sent = 0;
        long start = System.nanoTime();
        for (String target : List.of("/api/v1/evaluations", "/api/v1/self-checks")) {
            for (HostileCorpus.Case c : HostileCorpus.cases(target.contains("self-checks"))) {
                Answer r = send(target, c.body(), null);
                sent++;
                statuses.merge(r.status(), 1, Integer::sum);
                List<String> fields = check(target + " " + c.what(), r, c.field(), failures, false);
                if (target.equals("/api/v1/evaluations")) {
                    englishFields.put(c.what(), fields);
                }
            }
        }
        // The pages read the same problems in Chinese: the same fields, each message in Chinese.
        for (HostileCorpus.Case c : HostileCorpus.cases(false)) {
            Answer r = send(PREVIEW, c.body(), "zh-CN,zh;q=0.9,en;q=0.8");
            sent++;
            statuses.merge(r.status(), 1, Integer::sum);
            List<String> fields = check("zh " + c.what(), r, c.field(), failures, true);
            if (!fields.equals(englishFields.get(c.what()))) {
                failures.add("zh " + c.what() + ": fields " + fields + " differ from English " + englishFields.get(c.what()));
            }
        }
        for (Wire w : wireCases()) {
            Answer r = w.send();
            sent++;
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() != w.status()) {
                failures.add(w.what() + ": status " + r.status() + ", expected " + w.status());
            }
            check(w.what(), r, w.field(), failures, false);
        }
        System.out.printf("hostile corpus: %d requests in %d s; status counts %s%n", sent,
                (System.nanoTime() - start) / 1_000_000_000, statuses);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0,
                Math.min(40, failures.size()))));
        assertTrue(sent >= 2000, "the corpus has " + sent + " requests");
        assertTrue(statuses.keySet().stream().allMatch(s -> s >= 400 && s < 500), "statuses " + statuses);
    }

    private static final String SITE_AT = "\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", "
            + "\"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-ARITH\", \"standard\": \"EIGHT\"}";

    /**
     * Numbers that overflowed into a pass before: eight trucks past 2^31 summed to a negative count (no
     * banned truck in use), two infinite lengths compared equal (fully enclosed), an order dated after
     * the inspection gave negative days and a negative fine, an order in year 1 an integer overflow (500).
     */
    @Test
    void arithmeticCannotOverflowIntoAPass() {
        String trucks = "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"alertLevel\": \"ORANGE\", "
                + "\"subject\": {\"kind\": \"ENTERPRISE\", \"id\": \"E-ARITH\"}, \"enterprise\": {\"industry\": \"CEMENT\", "
                + "\"performanceGrade\": \"C\", \"productionLoadPercent\": 10, \"heavyDieselTrucksInUse\": "
                + "{\"cn4OrBelow\": 2147483647, \"cn5\": 1, \"cn6\": 0, \"electric\": 0}}}";
        refused(trucks, "enterprise.heavyDieselTrucksInUse.cn4OrBelow");
        refused("{" + SITE_AT + ", \"site\": {\"enclosure\": {\"perimeterM\": 1e309, \"enclosedM\": 1e309, "
                + "\"minHeightM\": 2.5, \"alongMainRoad\": true}}}", "site.enclosure.perimeterM");
        refused("{" + SITE_AT + ", \"site\": {\"roads\": {\"areaM2\": 1e308, \"hardenedM2\": 1e-308}}}", "site.roads.areaM2");
        String enclosureShort = "\"site\": {\"enclosure\": {\"perimeterM\": 420, \"enclosedM\": 400, \"minHeightM\": 2.5, "
                + "\"alongMainRoad\": true}}";
        refused("{" + SITE_AT + ", " + enclosureShort + ", \"history\": {\"rectification\": {\"orderedAt\": "
                + "\"2027-01-01T00:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1000}}}",
                "history.rectification.orderedAt");
        refused("{" + SITE_AT + ", " + enclosureShort + ", \"history\": {\"rectification\": {\"orderedAt\": "
                + "\"-999999999-01-01T00:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1000000000}}}",
                "history.rectification.orderedAt");

        // The longest order a record can hold at the largest fine: a total still exact, and positive.
        JsonNode decision = HostileCorpus.read(given().contentType(ContentType.JSON).body("{\"inspectedAt\": "
                + "\"2100-12-31T23:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-ARITH\", \"standard\": \"EIGHT\"}, "
                + enclosureShort + ", \"history\": {\"rectification\": {\"orderedAt\": \"2000-01-01T00:00:00+08:00\", "
                + "\"items\": [\"ENCLOSURE\"], \"originalFineYuan\": 1000000000}}}")
                .post(PREVIEW).then().statusCode(200).extract().asString());
        assertFalse(decision.path("compliant").asBoolean());
        assertFalse(decision.path("penalties").isEmpty());
        for (JsonNode p : decision.path("penalties")) {
            long min = p.path("fineMinYuan").asLong();
            long max = p.path("fineMaxYuan").asLong();
            long recommended = p.path("recommendedFineYuan").asLong();
            assertTrue(min >= 0 && min <= recommended && recommended <= max && max <= (1L << 53), p.toString());
            assertTrue(p.path("days").asInt(0) >= 0, p.toString());
        }
    }

    private static void refused(String body, String field) {
        for (String target : TARGETS) {
            given().contentType(ContentType.JSON).body(body).post(target)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.hasItem(field));
        }
    }

    /**
     * 100,000 activities took minutes of CPU, and two such requests froze the service: activities are a
     * set of at most seven, refused at once; the work is reading the body, linear in its size.
     */
    @Test
    void aHundredThousandActivitiesAreRefusedAtOnce() throws Exception {
        String many = "[" + String.join(",", java.util.Collections.nCopies(100_000, "\"EARTHWORK\"")) + "]";
        String body = "{" + SITE_AT + ", \"alertLevel\": \"RED\", \"site\": {\"nightWork\": true, \"activities\": " + many + "}}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            long start = System.nanoTime();
            var first = pool.submit(() -> send("/api/v1/self-checks", body, null));
            var second = pool.submit(() -> send(PREVIEW, body, null));
            for (var answer : List.of(first.get(), second.get())) {
                assertEquals(400, answer.status(), answer.body());
                assertTrue(answer.body().contains("\"site.activities\""), answer.body());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "two requests of 100,000 activities took " + millis + " ms");
        } finally {
            pool.shutdownNow();
        }
        given().contentType(ContentType.JSON).body(HostileCorpus.SITE).post(PREVIEW).then().statusCode(200);
    }

    /**
     * Slow uploads hold a connection, never a worker: eight uploads stalled after 12 kB (more than
     * Quarkus buffers before handing a body to a worker by default) while a self-check, which runs on a
     * worker, is answered at once; then each stalled upload gets 408 problem+json and its connection is
     * closed (lantian.http.upload-timeout, 3 s under test).
     */
    @Test
    void aSlowUploadTimesOutWithoutHoldingAWorker() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket("localhost", RestAssured.port);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(bytes(post(i % 2 == 0 ? "/api/v1/self-checks" : "/api/v1/evaluations", "application/json", 50_000)
                        + "{\"subject\": {\"name\": \"" + "x".repeat(12_000)));
                out.flush();
                stalled.add(s);
            }
            long start = System.nanoTime();
            given().contentType(ContentType.JSON).body(HostileCorpus.SITE).post("/api/v1/self-checks").then().statusCode(200);
            long answeredAfter = System.nanoTime() - start;
            for (Socket s : stalled) {
                Answer a = RawResponse.read(s.getInputStream());
                assertEquals(408, a.status(), a.body());
                assertEquals(Problem.MEDIA_TYPE, a.contentType());
                assertTrue(a.body().contains("\"field\":\"$\""), a.body());
                assertEquals(-1, s.getInputStream().read(), "the connection is closed");
            }
            long timedOutAfter = System.nanoTime() - start;
            assertTrue(answeredAfter < timedOutAfter, "the self-check waited for the stalled uploads");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /**
     * Beyond Vert.x's own limits the HTTP decoder answers before any application code runs, with a bare
     * status and no body: a request line over quarkus.http.limits.max-initial-line-length (414), headers
     * over max-header-size (431), a Content-Length that is no number (400). Still 4xx, never a 5xx.
     */
    @Test
    void theHttpDecodersOwnLimitsAnswerBareStatuses() {
        String valid = HostileCorpus.SITE;
        assertEquals(414, raw("POST /api/v1/self-checks?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new byte[0]).status());
        assertEquals(431, raw(post("/api/v1/self-checks", "application/json", valid.length())
                .replace("\r\n\r\n", "\r\nX-Padding: " + "a".repeat(70_000) + "\r\n\r\n"), new byte[0]).status());
        assertEquals(400, raw(post("/api/v1/self-checks", "application/json", 0).replace("Content-Length: 0",
                "Content-Length: lots"), bytes("{}")).status());
    }

    private static byte[] chunked(int chunks, int size) {
        StringBuilder body = new StringBuilder();
        String chunk = " ".repeat(size);
        for (int i = 0; i < chunks; i++) {
            body.append(Integer.toHexString(size)).append("\r\n").append(chunk).append("\r\n");
        }
        return bytes(body.append("0\r\n\r\n").toString());
    }

    /** Expected of a problem about the request line or its headers, which are no field of the body. */
    private static final String NONE = "";

    /**
     * The answer is a 4xx problem+json in plain words naming {@code field} (or a field under it; any field
     * when null, none when {@link #NONE}). Returns the fields it names.
     */
    private static List<String> check(String what, Answer r, String field, List<String> failures, boolean chinese) {
        String body = r.body();
        String brief = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        if (r.status() < 400 || r.status() >= 500) {
            failures.add(what + ": status " + r.status() + " " + brief);
            return List.of();
        }
        if (r.contentType() == null || !r.contentType().startsWith("application/problem+json")) {
            failures.add(what + ": content type " + r.contentType());
            return List.of();
        }
        if (LEAK.matcher(body).find()) {
            failures.add(what + ": a library's words in " + brief);
        }
        JsonNode problem = HostileCorpus.read(body);
        if (problem.path("status").asInt() != r.status() || problem.path("title").asText().isBlank()) {
            failures.add(what + ": no status or title in " + brief);
        }
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> {
            fields.add(e.path("field").asText());
            String message = e.path("message").asText();
            if (message.isBlank() || (chinese && !HAN.matcher(message).find())) {
                failures.add(what + ": message \"" + message + "\" for " + e.path("field").asText());
            }
        });
        if (chinese && !HAN.matcher(problem.path("title").asText()).find()) {
            failures.add(what + ": title " + problem.path("title").asText());
        }
        boolean named = field == null ? !fields.isEmpty() : field.equals(NONE) ? !problem.path("detail").asText().isBlank()
                : fields.stream().anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "["));
        if (!named) {
            failures.add(what + ": expected " + (field == null ? "a field" : field) + " named, got " + fields + " " + brief);
        }
        return fields;
    }

    private static Response post(String target, String body, String language) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.post(target);
    }

    /** An answer: its status, content type and body. */
    record Answer(int status, String contentType, String body) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The suite's user, as RestAssured signs in by default (SignedInByDefault). */
    private static final String SIGNED_IN = "Basic " + java.util.Base64.getEncoder().encodeToString(
            (TestUsers.TESTER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static Answer send(String target, String body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + target))
                .header("Content-Type", "application/json").header("Authorization", SIGNED_IN)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** A request written byte by byte, for what a client library would not send. */
    record Wire(String what, String head, byte[] body, int status, String field) {
        Answer send() {
            return raw(head, body);
        }
    }

    private static List<Wire> wireCases() {
        List<Wire> cases = new ArrayList<>();
        String valid = HostileCorpus.SITE;
        for (String target : TARGETS) {
            for (String type : new String[] {null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "text/json"}) {
                cases.add(new Wire(target + ": Content-Type " + type, post(target, type, valid.length()),
                        bytes(valid), 415, "Content-Type"));
            }
            byte[] over = new byte[2 * 1024 * 1024 + 1];
            java.util.Arrays.fill(over, (byte) ' ');
            // The head alone: the answer comes before the body is read, and the connection is closed.
            cases.add(new Wire(target + ": a body over the limit", post(target, "application/json", over.length),
                    new byte[0], 413, "$"));
            cases.add(new Wire(target + ": a request line over the limit", "POST " + target
                    + (target.contains("?") ? "&" : "?") + "x=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + SIGNED_IN + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + valid.length() + "\r\n\r\n", new byte[0], 414, NONE));
            cases.add(new Wire(target + ": headers over the limit", post(target, "application/json", valid.length())
                    .replace("\r\n\r\n", "\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n"), new byte[0], 431, NONE));
            cases.add(new Wire(target + ": a chunked body growing past the limit", "POST " + target + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: " + SIGNED_IN + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n",
                    chunked(40, 60_000), 413, "$"));
            for (String[] bad : new String[][] {
                    {"", "$"}, {" ", "$"}, {"{", "$"}, {"}", "$"}, {"[]", "$"}, {"null", "$"}, {"1", "$"}, {"\"x\"", "$"},
                    {"{\"inspectedAt\": }", "inspectedAt"}, {"{'inspectedAt': 1}", "$"}, {"{\"inspectedAt\": NaN}", "inspectedAt"},
                    {"{\"inspectedAt\": -Infinity}", "inspectedAt"}, {"{\"inspectedAt\": 01}", "inspectedAt"},
                    {"// a comment\n{}", "$"}, {"\uFEFF{}", "$"}, {valid + "}", "$"}, {valid + "{}", "$"}, {valid + " x", "$"},
                    {"{\"subject\": {\"id\": \"a\u0001b\"}}", "subject.id"}, {"{\"subject\": {\"id\": \"a\\qb\"}}", "subject.id"},
                    {"[".repeat(10_000), null}, {"{\"a\":".repeat(10_000), null},
                    {"{\"" + "k".repeat(10_000) + "\": 1}", "$"}}) {
                cases.add(new Wire(target + ": the body " + (bad[0].length() > 40 ? bad[0].substring(0, 40) + "…" : bad[0]),
                        post(target, "application/json", bytes(bad[0]).length), bytes(bad[0]), 400, bad[1]));
            }
        }
        cases.add(new Wire("record=maybe", post("/api/v1/evaluations?record=maybe", "application/json", valid.length()),
                bytes(valid), 400, "record"));
        return cases;
    }

    private static String post(String target, String type, int length) {
        return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nAuthorization: " + SIGNED_IN + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: " + length + "\r\n\r\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends a request as written and reads the answer until the server closes or the declared length is
     * read, as RestAssured's response.
     */
    static Answer raw(String head, byte[] body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes(head));
            try {
                out.write(body);
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer and close before reading a body it refuses.
            }
            return RawResponse.read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + head.lines().findFirst().orElse(""), e);
        }
    }

    /** Reads an HTTP/1.1 answer, with Content-Length or to the end of the connection. */
    static final class RawResponse {
        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int headEnd = -1;
            int length = -1;
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                    String text = all.toString(StandardCharsets.ISO_8859_1);
                    if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                        var m = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, headEnd));
                        length = m.find() ? Integer.parseInt(m.group(1)) : -1;
                    }
                    if (headEnd >= 0 && length >= 0 && all.size() >= headEnd + 4 + length) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // What arrived before the server closed the connection is the answer.
            }
            String text = all.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/")) {
                return new Answer(0, null, text);
            }
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            var type = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(head);
            return new Answer(Integer.parseInt(head.split(" ")[1]), type.find() ? type.group(1).trim() : null,
                    end < 0 ? "" : text.substring(end + 4));
        }
    }
}
