package cn.lantian.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The city's single sign-on switched on, with tokens signed here by a key the service is told to trust
 * (as a provider's would be): a token's user acts with the token's roles, subjects and jurisdictions; a
 * token signed by another key, expired, for another audience or issuer is refused with 401; an account
 * an admin disabled here refuses its tokens; HTTP Basic still works beside it.
 */
@QuarkusTest
@TestProfile(SingleSignOnTest.Enabled.class)
class SingleSignOnTest {
    static final String ISSUER = "https://sso.city.example/realms/bureau";
    static final KeyPair TRUSTED = keys();
    static final KeyPair STRANGER = keys();

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.discovery-enabled", "false",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded()),
                    "quarkus.oidc.client-id", "lantian",
                    "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.token.audience", "lantian");
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String user, List<String> roles, List<String> jurisdictions, List<String> subjects) {
        return Jwt.issuer(ISSUER).audience("lantian").subject("sso-" + user)
                .claim("preferred_username", user)
                .claim("lantian_roles", roles)
                .claim("lantian_jurisdictions", jurisdictions)
                .claim("lantian_subjects", subjects)
                .expiresIn(300)
                .sign(TRUSTED.getPrivate());
    }

    static RequestSpecification bearer(String token) {
        return given().auth().none().header("Authorization", "Bearer " + token);
    }

    static String site(String subject, String jurisdiction) {
        return "{\"inspectedAt\": \"2026-12-10T09:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject
                + "\", \"name\": \"测试工地\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, "
                + "\"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 3}}}";
    }

    @Test
    void aTokensUserActsWithItsRolesAndJurisdictions() {
        String inspector = token("sso-inspector-zz", List.of("INSPECTOR", "SOMETHING_ELSE"), List.of("zhengzhou"), List.of());
        bearer(inspector).get("/api/v1/users/me").then().statusCode(200)
                .body("username", equalTo("sso-inspector-zz"))
                .body("roles", equalTo(List.of("INSPECTOR")))
                .body("jurisdictions", equalTo(List.of("zhengzhou")));
        String id = bearer(inspector).contentType(ContentType.JSON).body(site("SSO-1", "zhengzhou"))
                .post("/api/v1/evaluations").then().statusCode(200).extract().path("evaluationId");
        bearer(inspector).contentType(ContentType.JSON).body(site("SSO-2", "gdcity"))
                .post("/api/v1/evaluations").then().statusCode(403).contentType("application/problem+json");
        // the recording is kept with the token's user
        given().get("/api/v1/audit?user=sso-inspector-zz").then().statusCode(200)
                .body("events.action", hasItem("EVALUATION_RECORDED"))
                .body("events.target", hasItem(id));
        // an inspector is no auditor
        bearer(inspector).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/api/v1/ruleset/reload").then().statusCode(403);
    }

    @Test
    void anEnterpriseTokenReadsOnlyItsOwnSubjects() {
        String own = token("sso-enterprise", List.of("ENTERPRISE"), List.of(), List.of("SSO-OWN"));
        bearer(own).contentType(ContentType.JSON).body(site("SSO-OWN", "zhengzhou"))
                .post("/api/v1/evaluations?record=false").then().statusCode(200).body("compliant", equalTo(false));
        bearer(own).contentType(ContentType.JSON).body(site("SSO-OTHER", "zhengzhou"))
                .post("/api/v1/evaluations?record=false").then().statusCode(403);
        bearer(own).contentType(ContentType.JSON).body(site("SSO-OWN", "zhengzhou"))
                .post("/api/v1/evaluations").then().statusCode(403);
    }

    @Test
    void tokensTheServiceCannotTrustAreRefused() {
        String stranger = Jwt.issuer(ISSUER).audience("lantian").claim("preferred_username", "mallory")
                .claim("lantian_roles", List.of("AUDITOR")).expiresIn(300).sign(STRANGER.getPrivate());
        String expired = Jwt.issuer(ISSUER).audience("lantian").claim("preferred_username", "late")
                .claim("lantian_roles", List.of("INSPECTOR")).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign(TRUSTED.getPrivate());
        String otherAudience = Jwt.issuer(ISSUER).audience("another-app").claim("preferred_username", "x")
                .claim("lantian_roles", List.of("INSPECTOR")).expiresIn(300).sign(TRUSTED.getPrivate());
        String otherIssuer = Jwt.issuer("https://elsewhere.example").audience("lantian").claim("preferred_username", "y")
                .claim("lantian_roles", List.of("INSPECTOR")).expiresIn(300).sign(TRUSTED.getPrivate());
        // an inspector's token that does not say where it acts is not read as "everywhere"
        String noJurisdictions = Jwt.issuer(ISSUER).audience("lantian").claim("preferred_username", "z")
                .claim("lantian_roles", List.of("INSPECTOR")).expiresIn(300).sign(TRUSTED.getPrivate());
        for (String t : List.of(stranger, expired, otherAudience, otherIssuer, noJurisdictions, "not-a-token")) {
            bearer(t).get("/api/v1/users/me").then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void anAccountDisabledHereRefusesItsTokens() {
        // the test database outlives a run: a name of its own each time
        String leaver = "sso-leaver-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + leaver + "\", \"password\": \"a-long-password-1\", \"roles\": [\"INSPECTOR\"]}")
                .post("/api/v1/users").then().statusCode(201);
        String t = token(leaver, List.of("INSPECTOR"), List.of(), List.of());
        bearer(t).get("/api/v1/users/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"disabled\": true}")
                .patch("/api/v1/users/" + leaver).then().statusCode(200);
        bearer(t).get("/api/v1/users/me").then().statusCode(401);
    }

    @Test
    void basicStillSignsInBesideTheTokens() {
        given().auth().preemptive().basic(TestUsers.AUDITOR, TestUsers.PASSWORD).get("/api/v1/users/me")
                .then().statusCode(200).body("roles", hasItems("AUDITOR"));
        given().auth().none().get("/api/v1/users/me").then().statusCode(401);
    }
}
