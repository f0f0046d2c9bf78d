package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may call what (contract section 7), endpoint by endpoint: anonymous gets 401 where a user is
 * needed, each role alone gets 403 where its role is not named, and passes (any answer but 401/403)
 * where it is. The table below lists every endpoint of the API; a resource method the table does not
 * list fails the test, so that no endpoint is added without saying who may call it.
 */
@QuarkusTest
class RoleMatrixTest {
    private static final String ANONYMOUS = "anonymous";
    private static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put("ADMIN", TestUsers.ADMIN);
        USERS.put("CHIEF", TestUsers.CHIEF);
        USERS.put("INSPECTOR", TestUsers.INSPECTOR);
        USERS.put("AUDITOR", TestUsers.AUDITOR);
        USERS.put("ENTERPRISE", TestUsers.ENTERPRISE);
        USERS.put("MONITOR", TestUsers.MONITOR);
    }

    /** An endpoint as the resource declares it, an example request to it, and the roles that may call it. */
    record Endpoint(String method, String template, String path, String body, Set<String> roles) {
        boolean isPublic() {
            return roles.contains(ANONYMOUS);
        }
    }

    static final String SITE_OWN = "{\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", "
            + "\"id\": \"" + TestUsers.OWN_SUBJECT + "\", \"jurisdiction\": \"zhengzhou\"}, \"site\": {\"stockpiles\": {\"count\": 2, \"covered\": 2}}}";
    static final String FORECAST = "{\"days\": [{\"date\": \"2026-12-14\", \"aqi\": 150}]}";
    static final String ALERT = "{\"level\": \"BLUE\", \"from\": \"2030-01-01T00:00:00+08:00\", \"to\": \"2030-01-01T01:00:00+08:00\"}";
    static final String FILES = "{\"files\": {}}";

    static final List<Endpoint> ENDPOINTS = List.of(
        e("GET", "/api/v1/checklists", "/api/v1/checklists", null, ANONYMOUS),
        e("GET", "/api/v1/checklists/{standard}", "/api/v1/checklists/SIX", null, ANONYMOUS),
        e("GET", "/api/v1/vocabulary", "/api/v1/vocabulary", null, ANONYMOUS),
        e("GET", "/api/v1/vocabulary/record", "/api/v1/vocabulary/record", null, ANONYMOUS),
        e("GET", "/api/v1/jurisdictions", "/api/v1/jurisdictions", null, ANONYMOUS),
        e("POST", "/api/v1/alerts/classify", "/api/v1/alerts/classify", FORECAST, ANONYMOUS),
        e("GET", "/api/v1/alerts/{jurisdiction}", "/api/v1/alerts/zhengzhou", null, ANONYMOUS),
        e("GET", "/api/v1/alerts/{jurisdiction}/current", "/api/v1/alerts/zhengzhou/current", null, ANONYMOUS),
        e("POST", "/api/v1/session/logout", "/api/v1/session/logout", null, ANONYMOUS),
        e("GET", "/api/v1/users/me", "/api/v1/users/me", null, "ADMIN", "CHIEF", "INSPECTOR", "AUDITOR", "ENTERPRISE", "MONITOR"),
        e("GET", "/api/v1/ruleset", "/api/v1/ruleset", null, "ADMIN", "CHIEF", "INSPECTOR", "AUDITOR", "ENTERPRISE", "MONITOR"),
        e("POST", "/api/v1/users", "/api/v1/users", "{}", "ADMIN"),
        e("GET", "/api/v1/users", "/api/v1/users", null, "ADMIN"),
        e("PATCH", "/api/v1/users/{username}", "/api/v1/users/nobody-here", "{}", "ADMIN"),
        e("GET", "/api/v1/audit", "/api/v1/audit", null, "ADMIN", "CHIEF"),
        e("GET", "/api/v1/notices", "/api/v1/notices", null, "ADMIN", "CHIEF"),
        e("POST", "/api/v1/notices/{id}/retry", "/api/v1/notices/no-such-notice/retry", null, "ADMIN"),
        e("PUT", "/api/v1/alerts/{jurisdiction}", "/api/v1/alerts/matrixland", ALERT, "CHIEF"),
        e("POST", "/api/v1/alerts/{jurisdiction}/{id}/lift", "/api/v1/alerts/matrixland/no-such-alert/lift", "{}", "CHIEF"),
        e("GET", "/api/v1/alerts/{jurisdiction}/orders", "/api/v1/alerts/zhengzhou/orders", null, "CHIEF", "INSPECTOR"),
        e("POST", "/api/v1/evaluations", "/api/v1/evaluations?record=false", SITE_OWN, "INSPECTOR", "CHIEF", "AUDITOR", "ENTERPRISE"),
        e("GET", "/api/v1/evaluations/{id}", "/api/v1/evaluations/no-such-evaluation", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/evaluations/{id}/record", "/api/v1/evaluations/no-such-evaluation/record", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("POST", "/api/v1/evaluations/{id}/replay", "/api/v1/evaluations/no-such-evaluation/replay", null, "INSPECTOR", "CHIEF"),
        e("GET", "/api/v1/evaluations/{id}/documents/{kind}", "/api/v1/evaluations/no-such-evaluation/documents/inspection-record", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("POST", "/api/v1/evidence", "/api/v1/evidence", null, "INSPECTOR", "ENTERPRISE"),
        e("GET", "/api/v1/evidence/{id}", "/api/v1/evidence/no-such-evidence", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/evidence/{id}/info", "/api/v1/evidence/no-such-evidence/info", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/evidence/{id}/thumbnail", "/api/v1/evidence/no-such-evidence/thumbnail", null,
                "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/subjects/{id}/evaluations", "/api/v1/subjects/" + TestUsers.OWN_SUBJECT + "/evaluations", null,
                "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/subjects", "/api/v1/subjects", null, "INSPECTOR", "CHIEF"),
        e("GET", "/api/v1/subjects/{id}", "/api/v1/subjects/" + TestUsers.OWN_SUBJECT, null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("PUT", "/api/v1/subjects/{id}", "/api/v1/subjects/no-such-subject", "{}", "INSPECTOR", "CHIEF"),
        e("POST", "/api/v1/subjects/import", "/api/v1/subjects/import", null, "CHIEF"),
        e("GET", "/api/v1/overview", "/api/v1/overview", null, "CHIEF", "INSPECTOR"),
        e("POST", "/api/v1/self-checks", "/api/v1/self-checks", SITE_OWN.replace("\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", ", ""),
                "INSPECTOR", "CHIEF", "AUDITOR", "ENTERPRISE"),
        e("POST", "/api/v1/ruleset/validate", "/api/v1/ruleset/validate", FILES, "AUDITOR"),
        e("POST", "/api/v1/ruleset/compare", "/api/v1/ruleset/compare", "{\"files\": null}", "AUDITOR"),
        e("POST", "/api/v1/ruleset/reload", "/api/v1/ruleset/reload", "{}", "AUDITOR"),
        e("POST", "/api/v1/rejudgements", "/api/v1/rejudgements", "{\"jurisdiction\": \"role-matrix-none\"}", "AUDITOR"),
        e("GET", "/api/v1/rejudgements", "/api/v1/rejudgements", null, "AUDITOR"),
        e("GET", "/api/v1/rejudgements/{id}", "/api/v1/rejudgements/none", null, "AUDITOR"),
        e("POST", "/api/v1/ruleset/activate", "/api/v1/ruleset/activate", "{}", "AUDITOR"),
        e("GET", "/api/v1/ruleset/versions", "/api/v1/ruleset/versions", null, "AUDITOR"),
        e("GET", "/api/v1/ruleset/versions/{version}", "/api/v1/ruleset/versions/0", null, "AUDITOR"),
        e("POST", "/api/v1/ruleset/versions/{version}/activate", "/api/v1/ruleset/versions/0/activate", "{}", "AUDITOR"),
        e("GET", "/api/v1/ruleset/versions/{a}/diff/{b}", "/api/v1/ruleset/versions/0/diff/0", null, "AUDITOR"),
        e("GET", "/api/v1/ruleset/versions/{version}/export", "/api/v1/ruleset/versions/0/export", null, "AUDITOR"),
        e("PUT", "/api/v1/monitors/{deviceId}", "/api/v1/monitors/RM-DEV-1", "{}", "INSPECTOR", "ADMIN"),
        e("GET", "/api/v1/monitors", "/api/v1/monitors", null, "INSPECTOR", "ADMIN"),
        e("GET", "/api/v1/monitors/{deviceId}", "/api/v1/monitors/no-such-device", null, "INSPECTOR", "ADMIN"),
        e("POST", "/api/v1/monitors/{deviceId}/readings", "/api/v1/monitors/" + TestUsers.OWN_DEVICE + "/readings", "[]", "MONITOR"),
        e("PUT", "/api/v1/backgrounds/{jurisdiction}/readings", "/api/v1/backgrounds/zhengzhou/readings", "[]", "INSPECTOR", "ADMIN"),
        e("GET", "/api/v1/alarms", "/api/v1/alarms", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/alarms/{id}", "/api/v1/alarms/no-such-alarm", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("POST", "/api/v1/alarms/{id}/verification", "/api/v1/alarms/no-such-alarm/verification",
                "{\"outcome\": \"DISMISSED\", \"note\": \"x\"}", "INSPECTOR"),
        e("POST", "/api/v1/monitoring/judge", "/api/v1/monitoring/judge", "{}", "INSPECTOR", "CHIEF", "AUDITOR"),
        e("GET", "/api/v1/cases", "/api/v1/cases", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("GET", "/api/v1/cases/{id}", "/api/v1/cases/no-such-case", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        e("POST", "/api/v1/cases/{id}/replies", "/api/v1/cases/no-such-case/replies", "{\"note\": \"x\"}", "INSPECTOR", "ENTERPRISE"),
        e("GET", "/api/v1/tasks", "/api/v1/tasks", null, "INSPECTOR", "CHIEF", "ENTERPRISE"),
        // operations (contract section 7): the description and health public, the metrics ADMIN only here
        e("GET", "/q/openapi", "/q/openapi", null, ANONYMOUS),
        e("GET", "/q/swagger-ui", "/q/swagger-ui/", null, ANONYMOUS),
        e("GET", "/q/health", "/q/health", null, ANONYMOUS),
        e("GET", "/q/health/live", "/q/health/live", null, ANONYMOUS),
        e("GET", "/q/health/ready", "/q/health/ready", null, ANONYMOUS),
        e("GET", "/q/metrics", "/q/metrics", null, "ADMIN"));

    private static Endpoint e(String method, String template, String path, String body, String... roles) {
        return new Endpoint(method, template, path, body, Set.of(roles));
    }

    private static Response call(Endpoint e, String user) {
        RequestSpecification r = given().redirects().follow(false);
        r = user == null ? r.auth().none() : r.auth().preemptive().basic(user, TestUsers.PASSWORD);
        if (e.body() != null) {
            r = r.contentType(ContentType.JSON).body(e.body());
        }
        return r.request(e.method(), e.path());
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEachRoleAsTheContractSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            tests.add(dynamicTest(e.method() + " " + e.template() + " anonymous", () -> {
                Response r = call(e, null);
                if (e.isPublic()) {
                    assertTrue(r.statusCode() != 401 && r.statusCode() != 403, e + " answered " + r.statusCode());
                } else {
                    assertEquals(401, r.statusCode(), e + ": " + r.asString());
                    assertEquals("application/problem+json", r.contentType().split(";")[0]);
                    assertTrue(r.header("WWW-Authenticate").startsWith("Basic"), r.headers().toString());
                }
            }));
            if (e.isPublic()) {
                continue;
            }
            USERS.forEach((role, user) -> tests.add(dynamicTest(e.method() + " " + e.template() + " as " + role, () -> {
                Response r = call(e, user);
                if (e.roles().contains(role)) {
                    assertTrue(r.statusCode() != 401 && r.statusCode() != 403,
                            e + " refused " + role + ": " + r.statusCode() + " " + r.asString());
                } else {
                    assertEquals(403, r.statusCode(), e + " let " + role + " in: " + r.asString());
                    assertEquals("application/problem+json", r.contentType().split(";")[0]);
                }
            })));
        }
        return tests.stream();
    }

    /** Every resource method of cn.lantian.api is in the table: no endpoint without its roles said. */
    @Test
    void theTableListsEveryEndpoint() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> declared = new TreeSet<>();
        var dir = Paths.get(RoleMatrixTest.class.getResource("/cn/lantian/api/").toURI());
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Class<?> type = Class.forName("cn.lantian.api." + f.getFileName().toString().replace(".class", ""));
                Path base = type.getAnnotation(Path.class);
                if (base == null || type.getName().contains("Test")) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                            : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(PATCH.class) ? "PATCH"
                            : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        declared.add(verb + " " + base.value() + (sub == null ? "" : sub.value().startsWith("/") ? sub.value() : "/" + sub.value()));
                    }
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        ENDPOINTS.forEach(e -> listed.add(e.method() + " " + e.template()));
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "endpoints with no row in the role matrix: " + missing);
    }
}
