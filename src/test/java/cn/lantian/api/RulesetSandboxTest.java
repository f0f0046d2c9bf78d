package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.lantian.EscapeCorpus;
import cn.lantian.EscapeCorpus.Escape;
import cn.lantian.TestFolders;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The escape corpus through the auditor's HTTP loop: validate and compare refuse each attempt with its
 * file, line and reason (a name outside the rules folder is a 400 naming it); reload refuses the attempts
 * placed in a copy of the rules folder and the active rules keep serving; no payload runs. The attempt
 * that needs the running service (a CDI look-up) is shown live here, compiled by Drools alone. A looping
 * candidate's cases fail under compare instead of holding the request.
 */
@QuarkusTest
@TestProfile(RulesetSandboxTest.CopiedRules.class)
class RulesetSandboxTest {
    static final Path RULES = Path.of("target", "sandbox-rules");
    static final Path FIXTURES = Path.of("target", "sandbox-fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A copy of the rules folder, and one fixture file, so that a compare runs few cases. */
    public static class CopiedRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                TestFolders.copy(Path.of("rules"), RULES);
                TestFolders.copy(Path.of("fixtures/dust"), FIXTURES);
                try (Stream<Path> others = Files.list(FIXTURES)) {
                    for (Path p : others.filter(p -> !p.getFileName().toString().equals("local-time.json")).toList()) {
                        Files.delete(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lantian.rules.dir", RULES.toString(), "lantian.fixtures.dir", FIXTURES.toString());
        }
    }

    @BeforeAll
    static void marks() throws IOException {
        EscapeCorpus.prepareMarks();
    }

    private static String files(Map<String, String> files) throws Exception {
        return JSON.writeValueAsString(Map.of("files", files));
    }

    /** Whether the attempt has a file no rules folder may hold: a request naming it is refused as such. */
    private static boolean badName(Escape e) {
        return e.files().keySet().stream().anyMatch(n -> cn.lantian.engine.RuleSandbox.fileNameProblem(n).isPresent());
    }

    @Test
    void aFileNameOutsideTheRulesFolderIsABadRequestNamingIt() throws Exception {
        given().contentType(ContentType.JSON).body(files(Map.of("../x.drl", "package dust\n")))
                .post("/api/v1/ruleset/validate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("files[\"../x.drl\"]"))
                .body("errors[0].message", containsString("would leave the rules folder"));
        given().contentType(ContentType.JSON).body(files(Map.of("rules/dust/../../x.csv", "name,value\n")))
                .post("/api/v1/ruleset/compare")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("files[\"rules/dust/../../x.csv\"]"));
    }

    @TestFactory
    Stream<DynamicTest> validateRefusesEveryEscapeBeforeItRuns() {
        return EscapeCorpus.all().stream().map(e -> dynamicTest(e.toString(), () -> {
            String mark = EscapeCorpus.mark("validate", e);
            Response r = given().contentType(ContentType.JSON).body(files(e.files(mark))).post("/api/v1/ruleset/validate");
            if (badName(e)) {
                assertBadName(e, r);
            } else {
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals(false, r.jsonPath().getBoolean("valid"), r.asString());
                assertRefused(e, r.jsonPath(), "diagnostics");
            }
            assertFalse(EscapeCorpus.traceOf(mark), "the payload of " + e + " ran");
        }));
    }

    @TestFactory
    Stream<DynamicTest> compareRefusesEveryEscapeBeforeItRuns() {
        return EscapeCorpus.all().stream().map(e -> dynamicTest(e.toString(), () -> {
            String mark = EscapeCorpus.mark("compare", e);
            Response r = given().contentType(ContentType.JSON).body(files(e.files(mark))).post("/api/v1/ruleset/compare");
            if (badName(e)) {
                assertBadName(e, r);
            } else {
                assertEquals(422, r.statusCode(), r.asString());
                assertEquals("application/problem+json", r.contentType());
                assertRefused(e, r.jsonPath(), "diagnostics");
            }
            assertFalse(EscapeCorpus.traceOf(mark), "the payload of " + e + " ran");
        }));
    }

    /** Reload reads the folder: each attempt whose files can lie in it is put there, refused, and taken out. */
    @TestFactory
    Stream<DynamicTest> reloadRefusesEveryEscapeInTheFolderBeforeItRuns() {
        return EscapeCorpus.all().stream()
                .filter(e -> e.files().keySet().stream().noneMatch(n -> n.startsWith("/") || n.startsWith("../")))
                .map(e -> dynamicTest(e.toString(), () -> {
                    String active = given().get("/api/v1/ruleset").then().extract().path("version");
                    String mark = EscapeCorpus.mark("reload", e);
                    List<Path> written = new java.util.ArrayList<>();
                    try {
                        for (Map.Entry<String, String> f : e.files(mark).entrySet()) {
                            Path p = RULES.resolve(f.getKey());
                            Files.createDirectories(p.getParent());
                            Files.writeString(p, f.getValue());
                            written.add(p);
                        }
                        Response r = given().contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload");
                        assertEquals(422, r.statusCode(), r.asString());
                        assertEquals(false, r.jsonPath().getBoolean("report.activated"), r.asString());
                        assertRefused(e, r.jsonPath(), "report.diagnostics");
                    } finally {
                        for (Path p : written) {
                            Files.deleteIfExists(p);
                        }
                    }
                    assertFalse(EscapeCorpus.traceOf(mark), "the payload of " + e + " ran");
                    given().get("/api/v1/ruleset").then().body("version", equalTo(active));
                }));
    }

    /** The attempts that need the running service leave their trace when Drools compiles them alone. */
    @TestFactory
    Stream<DynamicTest> theServicePayloadsRunWithoutTheSandbox() {
        return EscapeCorpus.all().stream().filter(Escape::service).map(e -> dynamicTest(e.toString(), () -> {
            String mark = EscapeCorpus.mark("control", e);
            String errors = EscapeCorpus.control(e, mark);
            assertTrue(EscapeCorpus.traceOf(mark), "the payload of " + e + " left no trace without the sandbox: " + errors);
        }));
    }

    @Test
    void aLoopingCandidateFailsItsCasesUnderCompare() throws Exception {
        given().contentType(ContentType.JSON).body(files(Map.of("dust/loops.drl", EscapeCorpus.SELF_FEEDING_RULE)))
                .post("/api/v1/ruleset/compare")
                .then().statusCode(200)
                .body("cases", greaterThan(0))
                .body("differences.size()", greaterThan(0))
                .body("differences.candidate.failure", hasItem(containsString(
                        "FiringLimitException: the rules fired 10000 times without coming to rest")));
    }

    private static void assertBadName(Escape e, Response r) {
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("application/problem+json", r.contentType());
        String name = e.file().substring("rules/".length());
        List<String> fields = r.jsonPath().getList("errors.field");
        assertTrue(fields.contains("files[\"" + name.replace("\\", "\\\\") + "\"]"), e + ": " + r.asString());
    }

    private static void assertRefused(Escape e, JsonPath json, String path) {
        List<Map<String, Object>> diagnostics = json.getList(path);
        assertTrue(diagnostics.stream().anyMatch(d -> e.file().equals(d.get("file")) && Integer.valueOf(e.line()).equals(d.get("line"))
                        && String.valueOf(d.get("message")).contains(e.reason())),
                e + " should be refused at " + e.file() + ":" + e.line() + " for \"" + e.reason() + "\"; got " + diagnostics);
    }
}
