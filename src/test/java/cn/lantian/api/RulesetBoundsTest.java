package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.audit.RuleFiles;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.Ruleset;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * validate, compare and reload compile rules, seconds of CPU each: what a request may send is bounded,
 * one of each kind runs at a time (another is told 429 with Retry-After), and a reload overtaken by
 * another activation says so (409) instead of a bare 422.
 */
@QuarkusTest
class RulesetBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ActiveRuleset rules;

    @Test
    void aCandidateIsBoundedInFilesAndSize() throws Exception {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= RuleFiles.MAX_FILES; i++) {
            many.put("extra/f" + i + ".csv", "name,value\n");
        }
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("files", many)))
                .post("/api/v1/ruleset/validate").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("files"))
                .body("errors[0].message", containsString("at most " + RuleFiles.MAX_FILES));
        String large = "// " + "x".repeat(RuleFiles.MAX_FILE_CHARS);
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("files", Map.of("dust/big.drl", large))))
                .post("/api/v1/ruleset/compare").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("files.dust/big.drl"));
    }

    @Test
    void oneValidationAtATimeTheOthersAreToldWhenToComeBack() throws Exception {
        String body = JSON.writeValueAsString(Map.of("files", Map.of()));
        List<Response> answers = concurrently(3, () -> given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/ruleset/validate"));
        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        assertTrue(statuses.contains(200) && statuses.contains(429), statuses.toString());
        for (Response r : answers) {
            if (r.statusCode() == 429) {
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
                assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1, r.header("Retry-After"));
                assertTrue(r.jsonPath().getString("detail").contains("one runs at a time"), r.asString());
            }
        }
        // Once it is done, the next one runs.
        given().contentType(ContentType.JSON).body(body).post("/api/v1/ruleset/validate").then().statusCode(200);
    }

    /**
     * While a reload is testing the folder, another activation (a rollback, say) puts other rules in
     * service: the reload's tests were against rules no longer serving, so it activates nothing and says
     * why.
     */
    @Test
    void aReloadOvertakenByAnotherActivationSaysSo() throws Exception {
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> reload = pool.submit(() -> {
                try {
                    return given().contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"test\"}").post("/api/v1/ruleset/reload");
                } finally {
                    reloading.set(false);
                }
            });
            // Keep activating other rules (each time new ones, the folder's as they are) until the reload
            // answers: whenever it read the serving rules, they are replaced before it is done.
            while (reloading.get()) {
                cn.lantian.engine.ActiveRuleset.Served serving = rules.served();
                rules.activate(serving, new cn.lantian.engine.ActiveRuleset.Served(copy(serving.ruleset()), serving.version(),
                        serving.rules(), serving.fixtures()));
                Thread.sleep(100);
            }
            Response r = reload.get();
            assertEquals(409, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertTrue(r.jsonPath().getString("detail").contains("another reload activated first"), r.asString());
            assertEquals(false, r.jsonPath().getBoolean("report.activated"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Other rules, equal to these: a new ruleset object that is not the one serving. */
    private static Ruleset copy(Ruleset r) throws ReflectiveOperationException {
        RecordComponent[] components = Ruleset.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(r);
            types[i] = components[i].getType();
        }
        return Ruleset.class.getDeclaredConstructor(types).newInstance(values);
    }

    private static List<Response> concurrently(int n, java.util.concurrent.Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call.call();
                }));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
