package cn.lantian.evidence;

import static cn.lantian.evidence.Samples.RUN;
import static cn.lantian.evidence.Samples.as;
import static cn.lantian.evidence.Samples.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.lantian.TestUsers;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.store.EvaluationStore;
import cn.lantian.store.StoredEvaluation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may send an evidence file about which subject and in which jurisdiction, who may read it back (staff of
 * its jurisdiction and the subject's own account; 404 to anyone else of a reading role, 403 to the other
 * roles, 401 to no one), its audit event, and what a case reply or note may attach.
 */
@QuarkusTest
class EvidenceAccessTest {
    static final String PROBLEM = "application/problem+json";
    static final byte[] PNG = Samples.png(64, 48);

    @Inject
    EvidenceFiles files;

    @Inject
    EvaluationStore evaluations;

    static String kept(String user, String subject, String jurisdiction) {
        return upload(user, PNG, "photo.png", subject, jurisdiction).then().statusCode(201).extract().path("id");
    }

    static void record(String subject, String jurisdiction) {
        as(TestUsers.TESTER).contentType(ContentType.JSON).body("{\"inspectedAt\": \"2026-12-10T09:00:00+08:00\", \"subject\": "
                + "{\"kind\": \"SITE\", \"id\": \"" + subject + "\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, "
                + "\"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 4}}}").post("/api/v1/evaluations").then().statusCode(200);
    }

    static void user(String name, String role, List<String> subjects, List<String> jurisdictions) {
        as(TestUsers.ADMIN).contentType(ContentType.JSON).body(Map.of("username", name, "password", TestUsers.PASSWORD,
                "roles", List.of(role), "subjects", subjects, "jurisdictions", jurisdictions))
                .post("/api/v1/users").then().statusCode(201);
    }

    @Test
    void onlyTheSubjectsOwnAccountAndAnInspectorInTheJurisdictionUpload() {
        String subject = "EV-WHO-" + RUN;
        for (String user : new String[] {TestUsers.ADMIN, TestUsers.CHIEF, TestUsers.CHIEF_ZZ, TestUsers.AUDITOR, TestUsers.MONITOR}) {
            upload(user, PNG, "p.png", subject, "zhengzhou").then().statusCode(403).contentType(PROBLEM);
        }
        given().auth().none().multiPart("file", "p.png", PNG, "image/png").multiPart("subject", subject)
                .multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence").then().statusCode(401).contentType(PROBLEM);
        // an enterprise account about a subject not its own, an inspector outside its jurisdiction
        upload(TestUsers.ENTERPRISE, PNG, "p.png", subject, "zhengzhou").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString(subject));
        upload(TestUsers.INSPECTOR_GD, PNG, "p.png", subject, "zhengzhou").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("zhengzhou"));
        // an inspector names the jurisdiction
        upload(TestUsers.INSPECTOR_ZZ, PNG, "p.png", subject, null).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("jurisdiction"));
        upload(TestUsers.INSPECTOR_ZZ, PNG, "p.png", subject, "zhengzhou").then().statusCode(201)
                .body("jurisdiction", equalTo("zhengzhou"));
        upload(TestUsers.ENTERPRISE, PNG, "p.png", TestUsers.OWN_SUBJECT, "zhengzhou").then().statusCode(201)
                .body("subject", equalTo(TestUsers.OWN_SUBJECT)).body("uploadedBy", equalTo(TestUsers.ENTERPRISE));
    }

    @Test
    void aSubjectKeptInAJurisdictionHasItsEvidenceThere() {
        String subject = "EV-KEPT-" + RUN;
        record(subject, "zhengzhou");
        // another city's inspector neither reads nor extends it by naming its own jurisdiction
        upload(TestUsers.INSPECTOR_GD, PNG, "p.png", subject, "gdcity").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("zhengzhou"));
        // an inspector of every jurisdiction is told where it is kept
        upload(TestUsers.INSPECTOR, PNG, "p.png", subject, "gdcity").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("jurisdiction")).body("errors[0].message", containsString("zhengzhou"));
        upload(TestUsers.INSPECTOR, PNG, "p.png", subject, "zhengzhou").then().statusCode(201);
    }

    @Test
    void anEnterpriseAccountsEvidenceIsWhereItsSubjectIsKept() {
        String subject = "EV-OWN-" + RUN;
        String account = "ev-enterprise-" + RUN;
        user(account, "ENTERPRISE", List.of(subject), List.of());
        // nothing kept yet: it names the jurisdiction
        upload(account, PNG, "p.png", subject, null).then().statusCode(400).body("errors[0].field", equalTo("jurisdiction"));
        upload(account, PNG, "p.png", subject, "gdcity").then().statusCode(201).body("jurisdiction", equalTo("gdcity"));
        // once inspected, its evidence is where its evaluations are, whatever it names
        record(subject, "zhengzhou");
        String id = upload(account, PNG, "p.png", subject, "gdcity").then().statusCode(201)
                .body("jurisdiction", equalTo("zhengzhou")).extract().path("id");
        upload(account, PNG, "p.png", subject, null).then().statusCode(201).body("jurisdiction", equalTo("zhengzhou"));
        as(account).get("/api/v1/evidence/" + id).then().statusCode(200);
        as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id).then().statusCode(200);
        // kept in two (a record from before recording held a subject to one): it names one of them
        OffsetDateTime at = OffsetDateTime.parse("2026-12-11T09:00:00+08:00");
        evaluations.save(new StoredEvaluation(UUID.randomUUID().toString(), subject, "SITE", "gdcity", at, at, "sha256:test",
                true, "{}", "{}", "{}", TestUsers.INSPECTOR_GD));
        upload(account, PNG, "p.png", subject, null).then().statusCode(400).body("errors[0].field", equalTo("jurisdiction"))
                .body("errors[0].message", containsString("gdcity, zhengzhou"));
        upload(account, PNG, "p.png", subject, "gdcity").then().statusCode(201).body("jurisdiction", equalTo("gdcity"));
    }

    @Test
    void staffOfTheJurisdictionAndTheSubjectsOwnAccountRead() {
        String other = kept(TestUsers.INSPECTOR_ZZ, "EV-READ-" + RUN, "zhengzhou");
        String own = kept(TestUsers.INSPECTOR_ZZ, TestUsers.OWN_SUBJECT, "zhengzhou");
        for (String path : new String[] {"", "/info", "/thumbnail"}) {
            for (String user : new String[] {TestUsers.INSPECTOR_ZZ, TestUsers.INSPECTOR, TestUsers.CHIEF_ZZ, TestUsers.CHIEF}) {
                as(user).get("/api/v1/evidence/" + other + path).then().statusCode(200);
            }
            as(TestUsers.ENTERPRISE).get("/api/v1/evidence/" + own + path).then().statusCode(200);
            // another city's inspector, another subject's account: as if there were no such file
            as(TestUsers.INSPECTOR_GD).get("/api/v1/evidence/" + other + path).then().statusCode(404).contentType(PROBLEM);
            as(TestUsers.ENTERPRISE).get("/api/v1/evidence/" + other + path).then().statusCode(404).contentType(PROBLEM);
            assertEquals(as(TestUsers.ENTERPRISE).get("/api/v1/evidence/" + other + path).path("detail").toString()
                            .replace(other, "ID"),
                    as(TestUsers.ENTERPRISE).get("/api/v1/evidence/ev-ffffffffffffffffffffffffffffffff" + path).path("detail")
                            .toString().replace("ev-ffffffffffffffffffffffffffffffff", "ID"));
            // roles that read no evidence, and no one
            for (String user : new String[] {TestUsers.ADMIN, TestUsers.AUDITOR, TestUsers.MONITOR}) {
                as(user).get("/api/v1/evidence/" + other + path).then().statusCode(403).contentType(PROBLEM);
            }
            given().auth().none().get("/api/v1/evidence/" + other + path).then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void everyUploadIsAudited() {
        String inspector = "ev-inspector-" + RUN;
        user(inspector, "INSPECTOR", List.of(), List.of("zhengzhou"));
        String subject = "EV-AUDIT-" + RUN;
        var info = upload(inspector, PNG, "p.png", subject, "zhengzhou").then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> events = as(TestUsers.ADMIN).get("/api/v1/audit?user=" + inspector).then().statusCode(200)
                .extract().jsonPath().getList("events");
        assertEquals(1, events.size(), events.toString());
        Map<String, Object> e = events.get(0);
        assertEquals("EVIDENCE_UPLOADED", e.get("action"));
        assertEquals(info.getString("id"), e.get("target"));
        assertEquals(inspector, e.get("user"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) e.get("detail");
        assertEquals(subject, detail.get("subject"));
        assertEquals("zhengzhou", detail.get("jurisdiction"));
        assertEquals("image/png", detail.get("contentType"));
        assertEquals(PNG.length, detail.get("sizeBytes"));
        assertEquals(info.getString("sha256"), detail.get("sha256"));
        // a chief of the jurisdiction reads it in its trail
        List<Map<String, Object>> chief = as(TestUsers.CHIEF_ZZ).get("/api/v1/audit?size=500&user=" + inspector).then()
                .statusCode(200).extract().jsonPath().getList("events");
        assertEquals(1, chief.size());
        // a refused upload changes nothing and is not in the trail
        upload(inspector, new byte[0], "p.png", subject, "zhengzhou").then().statusCode(400);
        assertEquals(1, as(TestUsers.ADMIN).get("/api/v1/audit?user=" + inspector).then().extract().jsonPath()
                .getList("events").size());
    }

    static Actor inspectorZz() {
        return new Actor(TestUsers.INSPECTOR_ZZ, Set.of(Role.INSPECTOR), Set.of(), Set.of("zhengzhou"));
    }

    static List<String> fields(Runnable call) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, call::run);
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aReplyAttachesOnlyFilesItsAuthorUploadedAboutItsSubject() {
        String subject = "EV-ATTACH-" + RUN;
        String a = kept(TestUsers.INSPECTOR_ZZ, subject, "zhengzhou");
        String b = kept(TestUsers.INSPECTOR_ZZ, subject, "zhengzhou");
        String another = kept(TestUsers.INSPECTOR, subject, "zhengzhou");
        String otherSubject = kept(TestUsers.INSPECTOR_ZZ, "EV-ATTACH-OTHER-" + RUN, "zhengzhou");
        Actor zz = inspectorZz();
        files.requireAttachable(zz, subject, "zhengzhou", List.of(a, b), "evidence");
        files.requireAttachable(zz, subject, "zhengzhou", List.of(), "evidence");
        files.requireAttachable(zz, subject, "zhengzhou", null, "evidence");

        assertEquals(List.of("evidence[1]"), fields(() -> files.requireAttachable(zz, subject, "zhengzhou", List.of(a, another), "evidence")));
        assertEquals(List.of("evidence[0]"), fields(() -> files.requireAttachable(zz, subject, "zhengzhou", List.of(otherSubject), "evidence")));
        assertEquals(List.of("evidence[1]"), fields(() -> files.requireAttachable(zz, subject, "zhengzhou",
                List.of(a, "ev-00000000000000000000000000000000"), "evidence")));
        assertEquals(List.of("evidence[2]"), fields(() -> files.requireAttachable(zz, subject, "zhengzhou", List.of(a, b, a), "evidence")));
        assertEquals(List.of("reply.evidence[0]", "reply.evidence[1]"),
                fields(() -> files.requireAttachable(zz, subject, "zhengzhou", Arrays.asList(null, " "), "reply.evidence")));
        assertEquals(List.of("evidence[0]"), fields(() -> files.requireAttachable(zz, subject, "zhengzhou", List.of("e".repeat(101)), "evidence")));
        assertEquals(List.of("evidence"), fields(() -> files.requireAttachable(zz, subject, "zhengzhou",
                new ArrayList<>(Collections.nCopies(11, a)), "evidence")));
        // the subject's own account attaches what it sent, not what the inspector sent about it
        Actor enterprise = new Actor(TestUsers.ENTERPRISE, Set.of(Role.ENTERPRISE), Set.of(subject), Set.of());
        assertEquals(List.of("evidence[0]"), fields(() -> files.requireAttachable(enterprise, subject, "zhengzhou", List.of(a), "evidence")));
        // nor a file kept in another jurisdiction than the case's: its readers could not open it
        assertEquals(List.of("evidence[0]"), fields(() -> files.requireAttachable(zz, subject, "gdcity", List.of(a), "evidence")));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> files.requireAttachable(zz, subject, "zhengzhou", List.of(another), "evidence"));
        assertEquals("no evidence file " + another + " uploaded by " + TestUsers.INSPECTOR_ZZ + " about the subject " + subject,
                e.errors().get(0).message());
    }

    @Test
    void theFilesAReplyAttachesAreShownInItsOrder() {
        String subject = "EV-SHOW-" + RUN;
        String a = kept(TestUsers.INSPECTOR_ZZ, subject, "zhengzhou");
        String pdf = upload(TestUsers.INSPECTOR_ZZ, Samples.pdf(), "报告.pdf", subject, "zhengzhou").then().statusCode(201)
                .extract().path("id");
        List<EvidenceFiles.Info> shown = files.infos(List.of(pdf, "ev-00000000000000000000000000000000", a));
        assertEquals(List.of(pdf, a), shown.stream().map(EvidenceFiles.Info::id).toList());
        assertEquals("application/pdf", shown.get(0).contentType());
        assertEquals("报告.pdf", shown.get(0).fileName());
        assertEquals(false, shown.get(0).thumbnail());
        assertEquals(64, shown.get(1).width());
        assertEquals(TestUsers.INSPECTOR_ZZ, shown.get(1).uploadedBy());
        assertEquals(List.of(), files.infos(List.of()));
        assertThrows(IllegalArgumentException.class, () -> files.infos(Collections.nCopies(11, a)));
    }
}
