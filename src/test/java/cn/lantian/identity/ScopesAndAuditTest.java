package cn.lantian.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Beyond the roles of the endpoints (RoleMatrixTest): what each account may touch of which subject and
 * jurisdiction, managing users, the slowing of failed sign-ins, and the audit trail of every change.
 */
@QuarkusTest
class ScopesAndAuditTest {
    /** The test database outlives a run: the users made here are new on each. */
    static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.PASSWORD);
    }

    static String site(String subject, String jurisdiction) {
        return "{\"inspectedAt\": \"2026-12-10T09:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject
                + "\", \"name\": \"测试工地\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, "
                + "\"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 3}}}";
    }

    static String record(String user, String subject, String jurisdiction) {
        return as(user).contentType(ContentType.JSON).body(site(subject, jurisdiction)).post("/api/v1/evaluations")
                .then().statusCode(200).extract().path("evaluationId");
    }

    static List<Map<String, Object>> audit(String query) {
        return given().get("/api/v1/audit?size=500&" + query).then().statusCode(200).extract().jsonPath().getList("events");
    }

    @Test
    void anEnterpriseAccountSeesOnlyItsOwnSubjects() {
        String own = record(TestUsers.INSPECTOR_ZZ, TestUsers.OWN_SUBJECT, "zhengzhou");
        String other = record(TestUsers.INSPECTOR_ZZ, "SCOPE-OTHER-1", "zhengzhou");
        as(TestUsers.ENTERPRISE).get("/api/v1/evaluations/" + own).then().statusCode(200);
        as(TestUsers.ENTERPRISE).get("/api/v1/evaluations/" + other).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("SCOPE-OTHER-1"));
        as(TestUsers.ENTERPRISE).get("/api/v1/evaluations/" + other + "/record").then().statusCode(403);
        as(TestUsers.ENTERPRISE).post("/api/v1/evaluations/" + other + "/replay").then().statusCode(403);
        as(TestUsers.ENTERPRISE).get("/api/v1/subjects/SCOPE-OTHER-1/evaluations").then().statusCode(403);
        as(TestUsers.ENTERPRISE).get("/api/v1/subjects/" + TestUsers.OWN_SUBJECT + "/evaluations").then().statusCode(200)
                .body("evaluations.evaluationId", hasItem(own));
        // previews of its own subject only, and never a record, not even of its own
        as(TestUsers.ENTERPRISE).contentType(ContentType.JSON).body(site("SCOPE-OTHER-1", "zhengzhou"))
                .post("/api/v1/evaluations?record=false").then().statusCode(403);
        as(TestUsers.ENTERPRISE).contentType(ContentType.JSON).body(site(TestUsers.OWN_SUBJECT, "zhengzhou"))
                .post("/api/v1/evaluations").then().statusCode(403);
        as(TestUsers.ENTERPRISE).contentType(ContentType.JSON).body(site("SCOPE-OTHER-1", "zhengzhou"))
                .post("/api/v1/self-checks").then().statusCode(403);
    }

    @Test
    void staffActOnlyInTheirJurisdictions() {
        String subject = "SCOPE-ZZ-" + RUN;
        String zz = record(TestUsers.INSPECTOR_ZZ, subject, "zhengzhou");
        // another city's inspector can neither read it nor write into its history
        as(TestUsers.INSPECTOR_GD).get("/api/v1/evaluations/" + zz).then().statusCode(403);
        as(TestUsers.INSPECTOR_GD).contentType(ContentType.JSON).body(site(subject, "zhengzhou"))
                .post("/api/v1/evaluations").then().statusCode(403).body("detail", containsString("zhengzhou"));
        as(TestUsers.INSPECTOR_GD).get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .body("evaluations", equalTo(List.of()));
        as(TestUsers.CHIEF_ZZ).get("/api/v1/evaluations/" + zz).then().statusCode(200);
        // nor by naming its own jurisdiction for another city's subject: that would read and extend its history
        as(TestUsers.INSPECTOR_GD).contentType(ContentType.JSON).body(site(subject, "gdcity"))
                .post("/api/v1/evaluations").then().statusCode(403).body("detail", containsString("zhengzhou"));
        as(TestUsers.INSPECTOR_GD).contentType(ContentType.JSON).body(site(subject, "gdcity"))
                .post("/api/v1/self-checks").then().statusCode(403);
        // staff of both cities are told where the subject is kept, and nothing is recorded
        given().contentType(ContentType.JSON).body(site(subject, "gdcity")).post("/api/v1/evaluations")
                .then().statusCode(400).body("errors[0].field", equalTo("subject.jurisdiction"))
                .body("errors[0].message", containsString("zhengzhou"));
        given().get("/api/v1/subjects/" + subject + "/evaluations").then().statusCode(200)
                .body("evaluations.evaluationId", equalTo(List.of(zz)));
        // a chief declares only at home, and an inspector not at all
        String red = "{\"level\": \"RED\", \"from\": \"2027-01-05T00:00:00+08:00\", \"to\": \"2027-01-06T00:00:00+08:00\"}";
        as(TestUsers.CHIEF_ZZ).contentType(ContentType.JSON).body(red).put("/api/v1/alerts/gdcity").then().statusCode(403);
        as(TestUsers.INSPECTOR_ZZ).contentType(ContentType.JSON).body(red).put("/api/v1/alerts/zhengzhou").then().statusCode(403);
        // a recording without a jurisdiction is refused, naming the field, and keeps nothing
        as(TestUsers.INSPECTOR).contentType(ContentType.JSON)
                .body(site("SCOPE-NOJ-1", "zhengzhou").replace(", \"jurisdiction\": \"zhengzhou\"", ""))
                .post("/api/v1/evaluations").then().statusCode(400).body("errors[0].field", equalTo("subject.jurisdiction"));
        given().get("/api/v1/subjects/SCOPE-NOJ-1/evaluations").then().statusCode(200).body("evaluations", equalTo(List.of()));
    }

    @Test
    void everyChangeIsInTheAuditTrailWithItsAuthor() {
        String id = record(TestUsers.INSPECTOR_ZZ, "SCOPE-AUDIT-1", "zhengzhou");
        assertEvent(audit("user=" + TestUsers.INSPECTOR_ZZ), "EVALUATION_RECORDED", id);

        JsonPath alert = as(TestUsers.CHIEF_ZZ).contentType(ContentType.JSON)
                .body("{\"level\": \"ORANGE\", \"from\": \"2027-02-01T00:00:00+08:00\", \"to\": \"2027-02-03T00:00:00+08:00\"}")
                .put("/api/v1/alerts/zhengzhou").then().statusCode(200).extract().jsonPath();
        String target = "zhengzhou/" + alert.getString("id");
        as(TestUsers.CHIEF_ZZ).contentType(ContentType.JSON).body("{\"reason\": \"空气质量好转\"}")
                .post("/api/v1/alerts/" + target + "/lift").then().statusCode(200);
        List<Map<String, Object>> chief = audit("user=" + TestUsers.CHIEF_ZZ);
        assertEvent(chief, "ALERT_DECLARED", target);
        assertEvent(chief, "ALERT_LIFTED", target);

        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"scope-audited-" + RUN + "\", \"password\": \"a-long-password-1\", \"roles\": [\"INSPECTOR\"]}")
                .post("/api/v1/users").then().statusCode(201).body("passwordHash", nullValue()).body("password", nullValue());
        as(TestUsers.ADMIN).contentType(ContentType.JSON).body("{\"disabled\": true}")
                .patch("/api/v1/users/scope-audited-" + RUN).then().statusCode(200).body("disabled", equalTo(true));
        List<Map<String, Object>> admin = audit("user=" + TestUsers.ADMIN);
        assertEvent(admin, "USER_CREATED", "scope-audited-" + RUN);
        assertEvent(admin, "USER_CHANGED", "scope-audited-" + RUN);
        // no password, hashed or not, is ever in the trail
        given().get("/api/v1/audit?size=500").then().statusCode(200)
                .body(not(containsString("a-long-password-1"))).body(not(containsString("$2a$")));
        // a chief of one city reads that city's changes, not another's; a chief of every city reads both
        String gd = record(TestUsers.INSPECTOR_GD, "SCOPE-GD-" + RUN, "gdcity");
        List<Object> zzChief = as(TestUsers.CHIEF_ZZ).get("/api/v1/audit?size=500").then().statusCode(200)
                .extract().jsonPath().getList("events.target");
        if (zzChief.contains(gd) || !zzChief.contains(id)) {
            throw new AssertionError("zhengzhou's chief should see " + id + " and not " + gd + ": " + zzChief);
        }
        as(TestUsers.CHIEF).get("/api/v1/audit?size=500").then().statusCode(200)
                .body("events.target", hasItem(gd)).body("events.target", hasItem(id));
        // and only ADMIN and CHIEF read it
        as(TestUsers.INSPECTOR).get("/api/v1/audit").then().statusCode(403);
        as(TestUsers.ENTERPRISE).get("/api/v1/audit").then().statusCode(403);
    }

    private static void assertEvent(List<Map<String, Object>> events, String action, String target) {
        boolean found = events.stream().anyMatch(e -> action.equals(e.get("action")) && target.equals(e.get("target")));
        if (!found) {
            throw new AssertionError("no " + action + " of " + target + " in " + events);
        }
    }

    @Test
    void usersAreManagedAndTheirSignInsFollow() {
        String user = "scope-managed-" + RUN;
        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"" + user + "\", \"password\": \"first-password-1\", \"roles\": [\"INSPECTOR\"]}")
                .post("/api/v1/users").then().statusCode(201);
        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"" + user + "\", \"password\": \"first-password-1\", \"roles\": [\"INSPECTOR\"]}")
                .post("/api/v1/users").then().statusCode(409).contentType("application/problem+json");
        given().auth().preemptive().basic(user, "first-password-1").get("/api/v1/users/me").then().statusCode(200)
                .body("roles", equalTo(List.of("INSPECTOR")));
        // a reset: the old password stops working at once, the new one works
        as(TestUsers.ADMIN).contentType(ContentType.JSON).body("{\"password\": \"second-password-2\", \"roles\": [\"CHIEF\"]}")
                .patch("/api/v1/users/" + user).then().statusCode(200);
        given().auth().preemptive().basic(user, "first-password-1").get("/api/v1/users/me").then().statusCode(401);
        given().auth().preemptive().basic(user, "second-password-2").get("/api/v1/users/me").then().statusCode(200)
                .body("roles", equalTo(List.of("CHIEF")));
        // disabled: refused at once, though it signed in a moment ago
        as(TestUsers.ADMIN).contentType(ContentType.JSON).body("{\"disabled\": true}")
                .patch("/api/v1/users/" + user).then().statusCode(200);
        given().auth().preemptive().basic(user, "second-password-2").get("/api/v1/users/me").then().statusCode(401);
        given().get("/api/v1/users").then().statusCode(200)
                .body("find { it.username == '" + user + "' }.disabled", equalTo(true))
                .body("passwordHash", everyItem(nullValue()));
        // bad requests name their field
        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"Bad Name\", \"password\": \"short\", \"roles\": [\"INSPECTOR\"]}")
                .post("/api/v1/users").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("username")).body("errors.field", hasItem("password"));
        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"scope-king\", \"password\": \"a-long-password-1\", \"roles\": [\"KING\"]}")
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", containsString("roles"))
                .body("errors[0].message", containsString("INSPECTOR"));
        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"scope-ent\", \"password\": \"a-long-password-1\", \"roles\": [\"ENTERPRISE\"]}")
                .post("/api/v1/users").then().statusCode(400).body("errors.field", hasItem("subjects"));
    }

    @Test
    void repeatedFailedSignInsAreSlowedDown() {
        String user = "scope-slowed-" + RUN;
        as(TestUsers.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"" + user + "\", \"password\": \"right-password-1\", \"roles\": [\"AUDITOR\"]}")
                .post("/api/v1/users").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(user, "wrong-password-" + i).get("/api/v1/users/me").then().statusCode(401);
        }
        // the clock is pinned: the pause never ends within the test, and even the right password is refused
        given().auth().preemptive().basic(user, "right-password-1").get("/api/v1/users/me").then().statusCode(401);
        // other names are not slowed by it
        as(TestUsers.AUDITOR).get("/api/v1/users/me").then().statusCode(200);
    }
}
