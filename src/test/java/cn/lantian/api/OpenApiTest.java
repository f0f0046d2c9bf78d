package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description at /q/openapi is public and true: every endpoint of the role matrix is there
 * with its method, public ones with no security, the others with HTTP Basic and exactly their roles; each
 * request body that is JSON has a schema of its record (not a bare string), and every secured operation
 * answers 401 and 403 as problem+json. Swagger UI is served beside it.
 */
@QuarkusTest
class OpenApiTest {
    private static final Set<String> ALL_ROLES = Set.of("ADMIN", "CHIEF", "INSPECTOR", "AUDITOR", "ENTERPRISE", "MONITOR");
    private JsonNode api;

    @BeforeEach
    void read() throws Exception {
        String body = given().auth().none().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        api = new ObjectMapper().readTree(body);
    }

    @Test
    void everyEndpointIsDescribedWithItsSecurity() {
        List<String> wrong = new ArrayList<>();
        for (RoleMatrixTest.Endpoint e : RoleMatrixTest.ENDPOINTS) {
            if (!e.template().startsWith("/api/")) {
                continue; // /q/ endpoints are the framework's, not the API's
            }
            JsonNode op = api.path("paths").path(e.template()).path(e.method().toLowerCase());
            if (op.isMissingNode()) {
                wrong.add(e.method() + " " + e.template() + ": not described");
                continue;
            }
            JsonNode security = op.path("security");
            if (e.isPublic()) {
                if (security.size() > 0) {
                    wrong.add(e.method() + " " + e.template() + ": public, but names " + security);
                }
                continue;
            }
            if (security.size() != 1 || !security.get(0).has("basic")) {
                wrong.add(e.method() + " " + e.template() + ": needs HTTP Basic, names " + security);
                continue;
            }
            Set<String> scopes = new TreeSet<>();
            security.get(0).get("basic").forEach(r -> scopes.add(r.asText()));
            boolean anyone = scopes.isEmpty() && e.roles().equals(ALL_ROLES);
            if (!anyone && !scopes.equals(new TreeSet<>(e.roles()))) {
                wrong.add(e.method() + " " + e.template() + ": roles " + scopes + ", the matrix says " + new TreeSet<>(e.roles()));
            }
            for (String status : List.of("401", "403")) {
                JsonNode problem = op.path("responses").path(status).path("content").path(Problem.MEDIA_TYPE).path("schema");
                if (!problem.path("$ref").asText().equals("#/components/schemas/Problem")) {
                    wrong.add(e.method() + " " + e.template() + ": no problem+json for " + status);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noOperationIsDescribedThatTheMatrixDoesNotList() {
        Set<String> listed = new TreeSet<>();
        RoleMatrixTest.ENDPOINTS.forEach(e -> listed.add(e.method() + " " + e.template()));
        Set<String> described = new TreeSet<>();
        api.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(m)) {
                described.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        described.removeAll(listed);
        assertTrue(described.isEmpty(), "described but not in the role matrix: " + described);
    }

    @Test
    void jsonBodiesAndAnswersNameTheirRecords() {
        JsonNode evaluate = api.path("paths").path("/api/v1/evaluations").path("post");
        assertEquals("#/components/schemas/Inspection",
                evaluate.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/Decision",
                evaluate.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText());
        JsonNode inspection = api.path("components").path("schemas").path("Inspection");
        assertTrue(inspection.path("properties").has("subject") && inspection.path("properties").has("inspectedAt"), inspection.toString());
        List<String> bare = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            JsonNode json = m.getValue().path("requestBody").path("content").path("application/json").path("schema");
            // a body that is a list (a monitor's batch of readings) names the record of its items
            if (!json.isMissingNode() && !json.has("$ref") && !("array".equals(json.path("type").asText())
                    && json.path("items").has("$ref"))) {
                bare.add(m.getKey().toUpperCase() + " " + p.getKey() + ": " + json);
            }
        }));
        assertTrue(bare.isEmpty(), "JSON bodies described as no record: " + bare);
        JsonNode problem = api.path("components").path("schemas").path("Problem");
        assertTrue(problem.path("properties").has("errors"), problem.toString());
        assertEquals("basic", api.path("components").path("securitySchemes").path("basic").path("scheme").asText());
    }

    @Test
    void aPublicReadAndTheStoreBackedOnesSayTheirErrorsTruly() {
        JsonNode classify = api.path("paths").path("/api/v1/alerts/classify").path("post");
        assertNull(classify.path("responses").get("401"), "a public operation asks no one to sign in");
        assertNull(classify.path("responses").get("503"), "classifying a forecast never needs the store");
        assertNotNull(api.path("paths").path("/api/v1/alerts/{jurisdiction}/current").path("get").path("responses").get("503"));
    }

    @Test
    void swaggerUiIsServedToAnyone() {
        String page = given().auth().none().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("swagger-ui"), page);
    }
}
