package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cn.lantian.TestFolders;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The auditor's loop over HTTP, on a copy of the rules folder: a broken rule sent to validate comes back
 * with its line; the same broken rule placed in the folder and reloaded leaves the old version serving;
 * a good edit reloads and says which rules changed; compare shows the decisions an edit would change.
 */
@QuarkusTest
@TestProfile(RulesetAdminTest.CopiedRules.class)
class RulesetAdminTest {
    static final Path RULES = Path.of("target", "admin-rules");
    static final Path FIXTURES = Path.of("target", "admin-fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BROKEN = """
            package dust
            import cn.lantian.fact.*;

            rule "A rule with a syntax error"
                @code("STOCKPILE_COVER") @title("物料堆放覆盖") @legalBasis("APPCL-115")
            when
                SiteBlock.Stockpiles( count > )
            then
            end
            """;

    public static class CopiedRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                TestFolders.copy(Path.of("rules"), RULES);
                TestFolders.copy(Path.of("fixtures"), FIXTURES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lantian.rules.dir", RULES.toString(), "lantian.fixtures.dir", FIXTURES.toString());
        }
    }

    private static String files(Map<String, String> files) throws Exception {
        return JSON.writeValueAsString(Map.of("files", files));
    }

    @Test
    void aBrokenRuleSentToValidateComesBackWithItsLine() throws Exception {
        given().contentType(ContentType.JSON).body(files(Map.of("dust/broken.drl", BROKEN)))
                .post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("diagnostics[0].file", equalTo("rules/dust/broken.drl"))
                .body("diagnostics[0].line", equalTo(7))
                .body("diagnostics[0].column", greaterThan(0))
                .body("diagnostics[0].severity", equalTo("ERROR"));
    }

    @Test
    void aGoodEditValidatesWithoutBeingActivated() throws Exception {
        String active = given().get("/api/v1/ruleset").then().extract().path("version");
        String params = Files.readString(RULES.resolve("dust/parameters.csv")).replace("pm10.hourlyLimit,150", "pm10.hourlyLimit,140");
        given().contentType(ContentType.JSON).body(files(Map.of("rules/dust/parameters.csv", params)))
                .post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("version", not(equalTo(active)));
        given().get("/api/v1/ruleset").then().body("version", equalTo(active));
    }

    @Test
    void aFileSentWithAByteOrderMarkIsTheSameText() throws Exception {
        Map<String, String> plain = Map.of("dust/parameters.csv", Files.readString(RULES.resolve("dust/parameters.csv")),
                "dust/standard-items.drl", Files.readString(RULES.resolve("dust/standard-items.drl")));
        Map<String, String> marked = new java.util.HashMap<>();
        plain.forEach((name, text) -> marked.put(name, "\uFEFF" + text));
        String version = given().contentType(ContentType.JSON).body(files(plain)).post("/api/v1/ruleset/validate")
                .then().statusCode(200).body("valid", equalTo(true)).extract().path("version");
        given().contentType(ContentType.JSON).body(files(marked)).post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("version", equalTo(version));
    }

    @Test
    void aThresholdThatIsNoNumberGetsOneDiagnosticFromValidateAndFromReload() throws Exception {
        Path params = RULES.resolve("dust/parameters.csv");
        String original = Files.readString(params);
        String bad = original.replace("pm10.hourlyLimit,150,", "pm10.hourlyLimit,abc,");
        List<Map<String, Object>> validated = given().contentType(ContentType.JSON)
                .body(files(Map.of("dust/parameters.csv", bad))).post("/api/v1/ruleset/validate")
                .then().statusCode(200).body("valid", equalTo(false)).extract().path("diagnostics");
        assertEquals(List.of(Map.of("file", "rules/dust/parameters.csv",
                "line", TestFolders.lineOf(params, "pm10.hourlyLimit,"), "column", 18,
                "severity", "ERROR", "message", "column value of pm10.hourlyLimit must be a number (type number), not \"abc\"")),
                validated);
        given().contentType(ContentType.JSON).body(files(Map.of("dust/parameters.csv", bad))).post("/api/v1/ruleset/compare")
                .then().statusCode(422).contentType("application/problem+json")
                .body("diagnostics", equalTo(validated));
        Files.writeString(params, bad);
        try {
            given().contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload").then().statusCode(422)
                    .body("report.activated", equalTo(false))
                    .body("report.diagnostics", equalTo(validated));
        } finally {
            Files.writeString(params, original);
        }
    }

    @Test
    void aTableSavedAsGbkIsReadWithAWarningAndOneSavedAsUtf16IsRefused() throws Exception {
        Path params = RULES.resolve("dust/parameters.csv");
        String original = Files.readString(params);
        try {
            Files.write(params, original.getBytes(java.nio.charset.Charset.forName("GB18030")));
            given().contentType(ContentType.JSON).body(files(Map.of())).post("/api/v1/ruleset/validate")
                    .then().statusCode(200)
                    .body("valid", equalTo(true))
                    .body("diagnostics.find { it.file == 'rules/dust/parameters.csv' }.severity", equalTo("WARNING"))
                    .body("diagnostics.find { it.file == 'rules/dust/parameters.csv' }.message", containsString("GB18030"));
            var reload = given().contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload").then().extract();
            String diagnostics = reload.statusCode() == 200 ? "diagnostics" : "report.diagnostics";
            assertEquals("WARNING", reload.jsonPath().getString(diagnostics + ".find { it.file == 'rules/dust/parameters.csv' }.severity"),
                    reload.asString());

            Files.write(params, ("\uFEFF" + original).getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
            given().contentType(ContentType.JSON).body(files(Map.of())).post("/api/v1/ruleset/validate")
                    .then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("diagnostics[0].file", equalTo("rules/dust/parameters.csv"))
                    .body("diagnostics[0].message", containsString("CSV UTF-8"));
            // the auditor's own copy of the file replaces the unreadable one
            given().contentType(ContentType.JSON).body(files(Map.of("dust/parameters.csv", original)))
                    .post("/api/v1/ruleset/validate")
                    .then().statusCode(200).body("valid", equalTo(true));
        } finally {
            Files.writeString(params, original);
        }
    }

    @Test
    void aTableMistakeIsAValidationDiagnosticToo() throws Exception {
        String production = Files.readString(RULES.resolve("enterprises/production-measures.csv"))
                + "B,ORANGE,LIMIT_PRODUCTION,25,APPCL-96\n";
        given().contentType(ContentType.JSON).body(files(Map.of("enterprises/production-measures.csv", production)))
                .post("/api/v1/ruleset/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("diagnostics[0].message", containsString("duplicate row for B ORANGE"));
    }

    @Test
    void compareListsTheDecisionsAnEditWouldChange() throws Exception {
        String laws = Files.readString(RULES.resolve("penalties/legal-bases.csv"))
                .replace("第一百一十六条对应条款，条款号待核）,2000,20000,", "第一百一十六条对应条款，条款号待核）,3000,30000,");
        given().contentType(ContentType.JSON).body(files(Map.of("penalties/legal-bases.csv", laws)))
                .post("/api/v1/ruleset/compare")
                .then().statusCode(200)
                .body("cases", greaterThan(200))
                .body("differences.size()", greaterThan(0))
                .body("differences.candidate.penalties.flatten().legalBasis", hasItem("EEC-AIR-116"))
                .body("differences[0].active.penalties.find { it.legalBasis == 'EEC-AIR-116' }.fineMaxYuan", equalTo(20000))
                .body("differences[0].candidate.penalties.find { it.legalBasis == 'EEC-AIR-116' }.fineMaxYuan", equalTo(30000));
        given().contentType(ContentType.JSON).body(files(Map.of("dust/broken.drl", BROKEN)))
                .post("/api/v1/ruleset/compare")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("diagnostics[0].file", equalTo("rules/dust/broken.drl"));
    }

    @Test
    void aTableRowNoFixtureReachesRefusesTheReloadWithItsFileLineAndKey() throws Exception {
        String before = given().get("/api/v1/ruleset").then().extract().path("version");
        Path params = RULES.resolve("dust/parameters.csv");
        String original = Files.readString(params);
        Files.writeString(params, original.stripTrailing()
                + "\npm10.dailyLimit,75,number,µg/m³,工地 PM10 日均浓度限值（尚无规则引用）,LOCAL-default-DUST\n");
        try {
            given().contentType(ContentType.JSON).body("{\"reason\": \"日均限值\"}").post("/api/v1/ruleset/reload")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("report.activated", equalTo(false))
                    .body("report.fixtureFailures", equalTo(List.of()))
                    .body("report.uncoveredRules", equalTo(List.of()))
                    .body("report.unreachedRows", equalTo(List.of(Map.of("file", "rules/dust/parameters.csv",
                            "line", TestFolders.lineOf(params, "pm10.dailyLimit,"), "key", "name=pm10.dailyLimit"))));
        } finally {
            Files.writeString(params, original);
        }
        given().get("/api/v1/ruleset").then().body("version", equalTo(before));
    }

    @Test
    void aFixtureFileThatIsNotUtf8StopsReloadAndCompareWithItsFileAndLine() throws Exception {
        Path six = FIXTURES.resolve("dust/six.json");
        String original = Files.readString(six);
        Files.write(six, original.getBytes(java.nio.charset.Charset.forName("GBK")));
        try {
            given().contentType(ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.matchesPattern(".*admin-fixtures/dust/six\\.json:\\d+: is not UTF-8.*"))
                    .body("detail", containsString("save it as UTF-8"));
            given().contentType(ContentType.JSON).body(files(Map.of())).post("/api/v1/ruleset/compare")
                    .then().statusCode(422)
                    .body("detail", org.hamcrest.Matchers.matchesPattern(".*admin-fixtures/dust/six\\.json:\\d+: is not UTF-8.*"));
            // a byte-order mark is no fault
            Files.write(six, ("\uFEFF" + original).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            given().contentType(ContentType.JSON).body(files(Map.of())).post("/api/v1/ruleset/compare")
                    .then().statusCode(200);
        } finally {
            Files.writeString(six, original);
        }
    }

    @Test
    void aBrokenFolderIsNotActivatedAndAGoodOneIs() throws Exception {
        String before = given().get("/api/v1/ruleset").then().extract().path("version");
        Files.writeString(RULES.resolve("dust/broken.drl"), BROKEN);
        try {
            given().contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("report.activated", equalTo(false))
                    .body("report.diagnostics[0].file", equalTo("rules/dust/broken.drl"))
                    .body("report.diagnostics[0].line", equalTo(7));
        } finally {
            Files.delete(RULES.resolve("dust/broken.drl"));
        }
        given().get("/api/v1/ruleset").then().body("version", equalTo(before));
        given().contentType(ContentType.JSON).body(ContractExampleTest.EXAMPLE).post("/api/v1/evaluations?record=false")
                .then().statusCode(200).body("rulesetVersion", equalTo(before));

        // an edit that breaks a fixture is refused too, and says which case
        Path params = RULES.resolve("dust/parameters.csv");
        String original = Files.readString(params);
        Files.writeString(params, original.replace("pm10.hourlyLimit,150", "pm10.hourlyLimit,149"));
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload")
                .then().statusCode(422)
                .body("report.fixtureFailures[0].name", containsString("PM10"));
        Files.writeString(params, original);

        // a reworded message changes one rule; the fixtures hold, so it goes live
        Path items = RULES.resolve("dust/standard-items.drl");
        Files.writeString(items, Files.readString(items).replace("须全部覆盖或密闭。", "须立即全部覆盖或密闭。"));
        String activated = given().auth().preemptive().basic(cn.lantian.TestUsers.AUDITOR, cn.lantian.TestUsers.PASSWORD)
                .contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"堆土覆盖措辞更严\"}").post("/api/v1/ruleset/reload")
                .then().statusCode(200)
                .body("activated", equalTo(true))
                .body("activeVersion", equalTo(before))
                .body("changes.rulesChanged", hasItem("Every stockpile must be covered or closed"))
                .body("changes.filesChanged", hasItem("rules/dust/standard-items.drl"))
                .extract().path("version");
        given().get("/api/v1/ruleset").then().body("version", not(equalTo(before)));
        // the activation is in the audit trail with its author, its reason and the version it replaced
        given().get("/api/v1/audit?user=" + cn.lantian.TestUsers.AUDITOR + "&size=500").then().statusCode(200)
                .body("events.find { it.action == 'RULESET_ACTIVATED' && it.target == '" + activated + "' }.detail.reason",
                        equalTo("堆土覆盖措辞更严"))
                .body("events.find { it.action == 'RULESET_ACTIVATED' && it.target == '" + activated + "' }.detail.previous",
                        equalTo(before));
        given().contentType(ContentType.JSON)
                .body("{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"T\", "
                        + "\"standard\": \"SIX\"}, \"site\": {\"stockpiles\": {\"count\": 2, \"covered\": 1}}}")
                .post("/api/v1/evaluations?record=false")
                .then().body("violations[0].message", containsString("须立即全部覆盖或密闭"))
                .body("rulesetVersion", startsWith("sha256:"));
    }
}
