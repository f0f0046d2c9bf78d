package cn.lantian.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The pages' sign-in: the login form's session cookie, what a cross-site page can and cannot do with
 * it (the same-origin check stands in for a CSRF token, beside SameSite=Strict and JSON-only bodies),
 * signing out, and the headers every page is sent with.
 */
@QuarkusTest
class PageSessionTest {
    static final String PREVIEW = "{\"inspectedAt\": \"2026-12-10T09:00:00+08:00\", \"subject\": {\"kind\": \"SITE\", "
            + "\"id\": \"PAGE-1\", \"jurisdiction\": \"zhengzhou\", \"standard\": \"SIX\"}, "
            + "\"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 3}}}";

    static String signIn(String user, String password, int status) {
        Response r = given().auth().none().contentType(ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        r.then().statusCode(status);
        return r.getDetailedCookie("lantian-session") == null ? null : r.getDetailedCookie("lantian-session").getValue();
    }

    static RequestSpecification withCookie(String session) {
        return given().auth().none().cookie("lantian-session", session);
    }

    static String self() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void theLoginFormGivesAStrictHttpOnlyCookie() {
        Response r = given().auth().none().contentType(ContentType.URLENC)
                .formParam("j_username", TestUsers.INSPECTOR).formParam("j_password", TestUsers.PASSWORD)
                .post("/j_security_check");
        r.then().statusCode(200);
        var cookie = r.getDetailedCookie("lantian-session");
        assertNotNull(cookie, "a session cookie");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertTrue("strict".equalsIgnoreCase(cookie.getSameSite()), "SameSite=Strict: " + cookie.getSameSite());
        withCookie(cookie.getValue()).get("/api/v1/users/me").then().statusCode(200)
                .body("username", equalTo(TestUsers.INSPECTOR));
        // a wrong password gets no cookie
        org.junit.jupiter.api.Assertions.assertNull(signIn(TestUsers.INSPECTOR, "not-the-password", 401));
        // a cross-site form cannot sign a browser in (login CSRF)
        given().auth().none().header("Origin", "https://evil.example").contentType(ContentType.URLENC)
                .formParam("j_username", TestUsers.INSPECTOR).formParam("j_password", TestUsers.PASSWORD)
                .post("/j_security_check").then().statusCode(403).header("Set-Cookie", nullValue());
    }

    @Test
    void aChangeWithTheCookieMustComeFromThisSite() {
        String session = signIn(TestUsers.INSPECTOR, TestUsers.PASSWORD, 200);
        withCookie(session).header("Origin", self()).contentType(ContentType.JSON).body(PREVIEW)
                .post("/api/v1/evaluations?record=false").then().statusCode(200).body("compliant", equalTo(false));
        withCookie(session).header("Referer", self() + "/inspection.html").contentType(ContentType.JSON).body(PREVIEW)
                .post("/api/v1/evaluations?record=false").then().statusCode(200);
        for (String foreign : new String[] {"https://evil.example", "http://localhost.evil.example:" + RestAssured.port, "null"}) {
            withCookie(session).header("Origin", foreign).contentType(ContentType.JSON).body(PREVIEW)
                    .post("/api/v1/evaluations").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("session cookie"));
        }
        // neither Origin nor Referer: refused too
        withCookie(session).contentType(ContentType.JSON).body(PREVIEW)
                .post("/api/v1/evaluations").then().statusCode(403);
        // a cross-site HTML form cannot send JSON: refused before anything runs
        withCookie(session).header("Origin", self()).contentType(ContentType.URLENC).formParam("reason", "x")
                .post("/api/v1/ruleset/reload").then().statusCode(415);
        // reads are not changes
        withCookie(session).get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void signingOutEndsTheSessionInTheBrowser() {
        String session = signIn(TestUsers.CHIEF, TestUsers.PASSWORD, 200);
        Response out = withCookie(session).header("Origin", self()).post("/api/v1/session/logout");
        out.then().statusCode(204);
        var gone = out.getDetailedCookie("lantian-session");
        assertNotNull(gone);
        assertTrue(gone.getMaxAge() == 0 && gone.getValue().isEmpty() && "/".equals(gone.getPath()),
                "the cookie is removed for the whole site: " + gone);
    }

    @Test
    void pagesAreSentWithTheirSecurityHeadersAndNoCors() {
        for (String page : new String[] {"/login.html", "/", "/inspection.html"}) {
            given().auth().none().get(page).then().statusCode(200)
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin")
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        given().auth().none().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/evaluations").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get("/api/v1/users/me").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
