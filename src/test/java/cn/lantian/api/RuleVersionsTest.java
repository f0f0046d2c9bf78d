package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestFolders;
import cn.lantian.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rule versions over HTTP, on a store of their own ({@code target/test-data-versions}, started afresh) and a copy
 * of the rules whose PM10 limit (149) fails a fixture, started as production starts ({@code lantian.rules.start=store}).
 * The first start keeps that folder as version 1; an edit from the console fixes it (version 2); version 1 cannot
 * be activated again (its fixtures fail); two versions differ file by file and on the fixtures' decisions; a
 * version exports as rules/ and fixtures/; an edit made on a version no longer serving is refused (409); a lowered
 * limit with its changed case accepted becomes version 3, and a rollback puts version 2 back; each activation is
 * in the audit trail; other roles are refused.
 */
@QuarkusTest
@TestProfile(RuleVersionsTest.OwnStore.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleVersionsTest {
    static final Path RULES = Path.of("target", "versions-rules");
    static final Path DATA = Path.of("target", "test-data-versions");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PM10_CASE = "PM10：小时浓度恰好 150 µg/m³ → 合格（严格大于才超标）";

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                TestFolders.copy(Path.of("rules"), RULES);
                TestFolders.edit(RULES.resolve("dust/parameters.csv"), Map.of("pm10.hourlyLimit,150,", "pm10.hourlyLimit,149,"));
                if (Files.exists(DATA)) { // a store started afresh
                    try (var old = Files.walk(DATA)) {
                        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(DATA);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lantian.rules.dir", RULES.toString(), "lantian.data.dir", "./" + DATA,
                    "lantian.rules.start", "store");
        }
    }

    private static RequestSpecification auditor() {
        return given().auth().preemptive().basic(TestUsers.AUDITOR, TestUsers.PASSWORD);
    }

    private static String parameters(String limit) throws IOException {
        return Files.readString(Path.of("rules/dust/parameters.csv")).replace("pm10.hourlyLimit,150,", "pm10.hourlyLimit," + limit + ",");
    }

    private static String json(Object o) throws IOException {
        return JSON.writeValueAsString(o);
    }

    @Test
    @Order(1)
    void theFirstStartKeptTheFolderItLoadedAsVersionOne() {
        auditor().get("/api/v1/ruleset/versions").then().statusCode(200)
                .body("activeVersion", equalTo(1))
                .body("versions", hasSize(1))
                .body("versions[0].number", equalTo(1))
                .body("versions[0].author", equalTo("system"))
                .body("versions[0].origin", equalTo("START"))
                .body("versions[0].active", equalTo(true))
                .body("versions[0].fixturesFailed", greaterThan(0))
                .body("versions[0].fixturesPassed", greaterThan(150))
                .body("versions[0].coverage.rules", greaterThan(50))
                .body("versions[0].previous", nullValue());
        auditor().get("/api/v1/ruleset").then().statusCode(200).body("storedVersion", equalTo(1));
    }

    @Test
    @Order(2)
    void anEditFromTheConsoleBecomesVersionTwo() throws IOException {
        String before = auditor().get("/api/v1/ruleset").then().extract().path("version");
        auditor().contentType(ContentType.JSON)
                .body(json(Map.of("files", Map.of("dust/parameters.csv", parameters("150")), "reason", "PM10 限值恢复为 150",
                        "baseVersion", 1)))
                .post("/api/v1/ruleset/activate")
                .then().statusCode(200)
                .body("activated", equalTo(true))
                .body("storedVersion", equalTo(2))
                .body("previousStoredVersion", equalTo(1))
                .body("action", equalTo("RULESET_ACTIVATED"))
                .body("changes.filesChanged", hasItem("rules/dust/parameters.csv"))
                .body("fixtureFailures", hasSize(0));
        auditor().get("/api/v1/ruleset/versions").then().statusCode(200)
                .body("activeVersion", equalTo(2))
                .body("versions[0].number", equalTo(2))
                .body("versions[0].author", equalTo(TestUsers.AUDITOR))
                .body("versions[0].reason", equalTo("PM10 限值恢复为 150"))
                .body("versions[0].origin", equalTo("EDIT"))
                .body("versions[0].previous", equalTo(1))
                .body("versions[0].fixturesFailed", equalTo(0))
                .body("versions[0].coverage.unfiredRules", hasSize(0))
                .body("activations[0].version", equalTo(2))
                .body("activations[0].previous", equalTo(1));
        given().get("/api/v1/ruleset").then().body("storedVersion", equalTo(2));
        given().get("/api/v1/audit?user=" + TestUsers.AUDITOR + "&size=500").then().statusCode(200)
                .body("events.find { it.action == 'RULESET_ACTIVATED' && it.detail.version == 2 }.detail.reason",
                        equalTo("PM10 限值恢复为 150"))
                .body("events.find { it.action == 'RULESET_ACTIVATED' && it.detail.version == 2 }.detail.previousVersion",
                        equalTo(1))
                .body("events.find { it.action == 'RULESET_ACTIVATED' && it.detail.version == 2 }.detail.previous",
                        equalTo(before));
    }

    @Test
    @Order(3)
    void aVersionWhoseFixturesFailCannotBeActivated() {
        auditor().contentType(ContentType.JSON).body("{\"reason\": \"回退到首个版本\"}")
                .post("/api/v1/ruleset/versions/1/activate")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("report.activated", equalTo(false))
                .body("report.fixtureFailures.name", hasItem(containsString("PM10")));
        given().get("/api/v1/ruleset").then().body("storedVersion", equalTo(2));
    }

    @Test
    @Order(4)
    void twoVersionsDifferFileByFileAndOnTheFixturesDecisions() {
        JsonPath diff = auditor().get("/api/v1/ruleset/versions/1/diff/2").then().statusCode(200)
                .body("from", equalTo(1)).body("to", equalTo(2))
                .body("files", hasSize(1))
                .body("files[0].file", equalTo("rules/dust/parameters.csv"))
                .body("files[0].change", equalTo("CHANGED"))
                .body("decisions.differences.name", hasItem(PM10_CASE))
                .extract().jsonPath();
        String unified = diff.getString("files[0].diff");
        assertTrue(unified.contains("--- a/rules/dust/parameters.csv"), unified);
        assertTrue(unified.contains("\n-pm10.hourlyLimit,149,"), unified);
        assertTrue(unified.contains("\n+pm10.hourlyLimit,150,"), unified);
        // the case at exactly 150 exceeded the limit under version 1 and is compliant under version 2
        assertEquals(false, diff.getBoolean("decisions.differences.find { it.name == '" + PM10_CASE + "' }.active.compliant"));
        assertEquals(true, diff.getBoolean("decisions.differences.find { it.name == '" + PM10_CASE + "' }.candidate.compliant"));
        assertEquals("PM10 小时浓度超标", diff.getString("decisions.labels.VIOLATION.PM10_EXCEEDED"));
    }

    @Test
    @Order(5)
    void aVersionIsServedWithItsFilesAndExportedAsRulesAndFixtures() throws IOException {
        auditor().get("/api/v1/ruleset/versions/2").then().statusCode(200)
                .body("version.number", equalTo(2))
                .body("rules", hasKey("dust/parameters.csv"))
                .body("rules['dust/parameters.csv']", containsString("pm10.hourlyLimit,150,"))
                .body("fixtures", hasKey("dust/related-duties.json"));
        var export = auditor().get("/api/v1/ruleset/versions/2/export").then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", containsString("lantian-rules-v2.zip"))
                .extract();
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.asByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Files.readString(Path.of("rules/dust/parameters.csv")), entries.get("rules/dust/parameters.csv"));
        assertEquals(Files.readString(Path.of("fixtures/dust/related-duties.json")), entries.get("fixtures/dust/related-duties.json"));
        try (var files = Files.walk(Path.of("rules"))) {
            assertEquals(files.filter(Files::isRegularFile).count(),
                    entries.keySet().stream().filter(n -> n.startsWith("rules/")).count());
        }
        assertTrue(entries.keySet().stream().allMatch(n -> n.startsWith("rules/") || n.startsWith("fixtures/")), entries.keySet().toString());
        // the rules' hash names a version too (the newest with those rules)
        String hash = auditor().get("/api/v1/ruleset").then().extract().path("version");
        auditor().get("/api/v1/ruleset/versions/" + hash).then().statusCode(200).body("version.number", equalTo(2));
        auditor().get("/api/v1/ruleset/versions/99").then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("version"));
        auditor().get("/api/v1/ruleset/versions/latest").then().statusCode(404);
    }

    @Test
    @Order(6)
    void anEditMadeOnAVersionNoLongerServingIsRefused() throws IOException {
        auditor().contentType(ContentType.JSON)
                .body(json(Map.of("files", Map.of("dust/parameters.csv", parameters("150")), "reason", "旧页面上的修改",
                        "baseVersion", 1)))
                .post("/api/v1/ruleset/activate")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("activeStoredVersion", equalTo(2));
        given().get("/api/v1/ruleset").then().body("storedVersion", equalTo(2));
        // a request naming nothing, or with no reason, is refused naming the field
        auditor().contentType(ContentType.JSON).body("{\"files\": {}, \"reason\": \"x\"}").post("/api/v1/ruleset/activate")
                .then().statusCode(400).body("errors[0].field", equalTo("files"));
        auditor().contentType(ContentType.JSON).body(json(Map.of("files", Map.of("dust/parameters.csv", parameters("150")))))
                .post("/api/v1/ruleset/activate").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        auditor().contentType(ContentType.JSON).body("{\"reason\": \"x\", \"file\": {}}").post("/api/v1/ruleset/activate")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("file"));
        auditor().contentType(ContentType.JSON).body("not json").post("/api/v1/ruleset/versions/2/activate")
                .then().statusCode(400).contentType("application/problem+json");
        auditor().contentType(ContentType.JSON).header("Accept-Language", "zh").body("{\"reason\": \"\"}")
                .post("/api/v1/ruleset/versions/2/activate")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"))
                .body("errors[0].message", org.hamcrest.Matchers.matchesPattern(".*\\p{IsHan}.*"));
        auditor().header("Accept-Language", "zh").get("/api/v1/ruleset/versions/99")
                .then().statusCode(404).body("title", equalTo("没有这个规则版本"));
        auditor().contentType(ContentType.JSON).body(json(Map.of("fixtures", Map.of("../x.json", "[]"), "reason", "x")))
                .post("/api/v1/ruleset/activate").then().statusCode(400).body("errors[0].field", equalTo("fixtures[\"../x.json\"]"));
        auditor().contentType(ContentType.JSON).body(json(Map.of("fixtures", Map.of("dust/x.json", "{"), "reason", "x")))
                .post("/api/v1/ruleset/activate").then().statusCode(400).body("errors[0].field", equalTo("fixtures[\"dust/x.json\"]"));
    }

    @Test
    @Order(7)
    void aLoweredLimitWithItsChangedCaseAcceptedIsVersionThreeAndARollbackPutsTwoBack() throws IOException {
        String lowered = parameters("140");
        // refused as it is: the case at exactly 150 now exceeds the limit
        auditor().contentType(ContentType.JSON)
                .body(json(Map.of("files", Map.of("dust/parameters.csv", lowered), "reason", "PM10 限值降至 140")))
                .post("/api/v1/ruleset/activate")
                .then().statusCode(422)
                .body("report.fixtureFailures.name", hasItem(PM10_CASE));
        JsonPath compared = auditor().contentType(ContentType.JSON)
                .body(json(Map.of("files", Map.of("dust/parameters.csv", lowered), "base", "active")))
                .post("/api/v1/ruleset/compare")
                .then().statusCode(200)
                .body("differences.name", hasItem(PM10_CASE))
                .extract().jsonPath();
        String at = "differences.find { it.name == '" + PM10_CASE + "' }";
        assertEquals("dust/related-duties.json", compared.getString(at + ".file"));
        assertEquals(false, compared.getBoolean(at + ".holds"));
        Map<String, Object> proposed = compared.getMap(at + ".proposedExpect");
        // only the fields the case asserted (compliant, violations, orders), set to the new answer
        assertEquals(java.util.Set.of("compliant", "violations", "orders"), proposed.keySet());
        assertEquals(false, proposed.get("compliant"));
        assertEquals(List.of("PM10_EXCEEDED"), proposed.get("violations"));
        assertTrue(((List<?>) proposed.get("orders")).contains(Map.of("type", "RECTIFY", "violation", "PM10_EXCEEDED")),
                proposed.toString());
        assertEquals("PM10 小时浓度超标", compared.getString("labels.VIOLATION.PM10_EXCEEDED"));
        assertEquals("加强扬尘管控", compared.getString("labels.ORDER_TYPE.INTENSIFY_DUST_CONTROL"));

        // the case's expectation rewritten to the new answer, sent with the edit
        String fixture = auditor().get("/api/v1/ruleset/versions/2").then().extract().path("fixtures['dust/related-duties.json']");
        ArrayNode cases = (ArrayNode) JSON.readTree(fixture);
        for (JsonNode c : cases) {
            if (c.get("name").asText().equals(PM10_CASE)) {
                ((ObjectNode) c).set("expect", JSON.valueToTree(proposed));
            }
        }
        auditor().contentType(ContentType.JSON)
                .body(json(Map.of("files", Map.of("dust/parameters.csv", lowered),
                        "fixtures", Map.of("dust/related-duties.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cases)),
                        "reason", "PM10 限值降至 140，150 的用例改为超标", "baseVersion", 2,
                        "accepted", List.of(Map.of("file", "dust/related-duties.json", "name", PM10_CASE)))))
                .post("/api/v1/ruleset/activate")
                .then().statusCode(200)
                .body("storedVersion", equalTo(3))
                .body("action", equalTo("RULESET_ACTIVATED"));
        given().contentType(ContentType.JSON).body("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", "
                        + "\"id\": \"T\", \"standard\": \"SIX\"}, \"site\": {\"pm10HourlyUgM3\": 145}}")
                .post("/api/v1/evaluations?record=false").then().statusCode(200).body("violations.code", hasItem("PM10_EXCEEDED"));

        auditor().contentType(ContentType.JSON).body("{\"reason\": \"降低限值过早，回退\"}")
                .post("/api/v1/ruleset/versions/2/activate")
                .then().statusCode(200)
                .body("storedVersion", equalTo(2))
                .body("previousStoredVersion", equalTo(3))
                .body("action", equalTo("RULESET_ROLLED_BACK"));
        auditor().get("/api/v1/ruleset/versions").then()
                .body("activeVersion", equalTo(2))
                .body("versions", hasSize(3))
                .body("activations[0].action", equalTo("ROLLED_BACK"))
                .body("activations[0].reason", equalTo("降低限值过早，回退"));
        given().contentType(ContentType.JSON).body("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", "
                        + "\"id\": \"T\", \"standard\": \"SIX\"}, \"site\": {\"pm10HourlyUgM3\": 145}}")
                .post("/api/v1/evaluations?record=false").then().statusCode(200).body("compliant", equalTo(true));
        given().get("/api/v1/audit?user=" + TestUsers.AUDITOR + "&size=500").then().statusCode(200)
                .body("events.find { it.action == 'RULESET_ROLLED_BACK' }.detail.version", equalTo(2))
                .body("events.find { it.action == 'RULESET_ROLLED_BACK' }.detail.previousVersion", equalTo(3))
                .body("events.find { it.action == 'RULESET_ROLLED_BACK' }.detail.reason", equalTo("降低限值过早，回退"))
                .body("events.find { it.action == 'RULESET_ACTIVATED' && it.detail.version == 3 }.detail.acceptedCases[0].name",
                        equalTo(PM10_CASE));
        // activating the version serving changes nothing
        auditor().contentType(ContentType.JSON).body("{\"reason\": \"再次启用\"}").post("/api/v1/ruleset/versions/2/activate")
                .then().statusCode(200).body("action", equalTo("UNCHANGED"));
        auditor().get("/api/v1/ruleset/versions").then().body("activations", hasSize(4))
                .body("activations[3].previous", nullValue());
    }

    @Test
    @Order(8)
    void otherRolesAreRefused() {
        for (String user : List.of(TestUsers.INSPECTOR, TestUsers.CHIEF, TestUsers.ADMIN, TestUsers.ENTERPRISE)) {
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).get("/api/v1/ruleset/versions")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).get("/api/v1/ruleset/versions/2/export")
                    .then().statusCode(403);
            given().auth().preemptive().basic(user, TestUsers.PASSWORD).contentType(ContentType.JSON)
                    .body("{\"reason\": \"x\"}").post("/api/v1/ruleset/versions/2/activate").then().statusCode(403);
        }
        given().auth().none().get("/api/v1/ruleset/versions/1/diff/2").then().statusCode(401);
    }
}
