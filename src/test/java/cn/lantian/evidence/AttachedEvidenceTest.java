package cn.lantian.evidence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Evidence attached where it is shown: a case's reply carries the site's own photos, an inspection's notes
 * the inspector's own; a file someone else uploaded, or one about another subject, is refused by its field,
 * and a note names an item the rules judge, once.
 */
@QuarkusTest
class AttachedEvidenceTest {
    private static final byte[] PNG = Samples.png(400, 300);

    private static String site(String subject, String extra) {
        return "{\"inspectedAt\": \"2026-12-10T09:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject
                + "\", \"name\": \"测试工地\", \"jurisdiction\": \"zhengzhou\", \"standard\": \"SIX\"},"
                + " \"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 3}}" + extra + "}";
    }

    private static String upload(String user, String subject) {
        return Samples.upload(user, PNG, "现场.png", subject, "zhengzhou").then().statusCode(201).extract().path("id");
    }

    private static JsonPath record(String body, int status) {
        return JsonPath.from(Samples.as(TestUsers.INSPECTOR_ZZ).contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations").then().statusCode(status).extract().asString());
    }

    @Test
    void anInspectionKeepsItsNotesWithTheInspectorsOwnPhotos() {
        String subject = "NOTE-" + UUID.randomUUID();
        String mine = upload(TestUsers.INSPECTOR_ZZ, subject);
        String notMine = upload(TestUsers.INSPECTOR, subject);
        String otherSubject = upload(TestUsers.INSPECTOR_ZZ, "NOTE-OTHER-" + UUID.randomUUID());

        JsonPath refused = record(site(subject, ", \"notes\": [{\"item\": \"STOCKPILE_COVER\", \"evidence\": [\"" + notMine + "\"]}]"), 400);
        assertEquals(List.of("notes[0].evidence[0]"), refused.getList("errors.field"));
        refused = record(site(subject, ", \"notes\": [{\"item\": \"STOCKPILE_COVER\", \"evidence\": [\"" + otherSubject + "\"]}]"), 400);
        assertEquals(List.of("notes[0].evidence[0]"), refused.getList("errors.field"));
        refused = record(site(subject, ", \"notes\": [{\"item\": \"NO_SUCH_ITEM\", \"text\": \"x\"}]"), 400);
        assertEquals(List.of("notes[0].item"), refused.getList("errors.field"));
        refused = record(site(subject, ", \"notes\": [{\"item\": \"STOCKPILE_COVER\", \"text\": \"x\"},"
                + " {\"item\": \"STOCKPILE_COVER\", \"text\": \"y\"}]"), 400);
        assertEquals(List.of("notes[1].item"), refused.getList("errors.field"));
        refused = record(site(subject, ", \"location\": {\"latitude\": 95, \"longitude\": 113.6}"), 400);
        assertEquals(List.of("location.latitude"), refused.getList("errors.field"));

        JsonPath kept = record(site(subject, ", \"notes\": [{\"item\": \"STOCKPILE_COVER\", \"text\": \"东北角料堆未覆盖\","
                + " \"evidence\": [\"" + mine + "\"]}], \"location\": {\"latitude\": 34.75, \"longitude\": 113.62, \"accuracyM\": 12}"), 200);
        JsonPath stored = JsonPath.from(given().get("/api/v1/evaluations/" + kept.getString("evaluationId") + "/record")
                .then().statusCode(200).extract().jsonPath().getString("request"));
        assertEquals(mine, stored.getString("notes[0].evidence[0]"));
        assertEquals("东北角料堆未覆盖", stored.getString("notes[0].text"));
        assertEquals(34.75f, stored.getFloat("location.latitude"));
        given().get("/api/v1/evaluations/" + kept.getString("evaluationId") + "/record").then()
                .body("recordedBy", equalTo(TestUsers.INSPECTOR_ZZ));
    }

    @Test
    void aReplyCarriesTheSitesOwnPhotos() {
        String subject = "REPLY-" + UUID.randomUUID();
        String account = "e-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", account, "password", TestUsers.PASSWORD,
                "roles", List.of("ENTERPRISE"), "subjects", List.of(subject))).post("/api/v1/users").then().statusCode(201);
        record(site(subject, ""), 200);
        String id = Samples.as(account).queryParam("subject", subject).get("/api/v1/cases").then().statusCode(200)
                .extract().path("items[0].id");
        String photo = upload(account, subject);
        String inspectors = upload(TestUsers.INSPECTOR_ZZ, subject);

        Samples.as(account).contentType(ContentType.JSON).body(Map.of("note", "已覆盖", "evidence", List.of(inspectors)))
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(400).body("errors.field", hasItem("evidence[0]"));
        Samples.as(account).contentType(ContentType.JSON)
                .body(Map.of("note", "已覆盖", "rectified", List.of("STOCKPILE_COVER"), "evidence", List.of(photo)))
                .post("/api/v1/cases/" + id + "/replies").then().statusCode(200).body("replies[0].evidence[0]", equalTo(photo));
        // whoever reads the case reads its photos
        Samples.as(TestUsers.CHIEF_ZZ).get("/api/v1/evidence/" + photo + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg");
    }
}
