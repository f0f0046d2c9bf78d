package cn.lantian.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Swagger UI runs in a real browser under the service's security headers: the page lists the API's
 * operations (it read /q/openapi), with no sign-in; everywhere else inline scripts stay refused.
 */
@QuarkusTest
class SwaggerUiPageTest {
    @RegisterExtension
    static Browser browser = new Browser();

    @TestHTTPResource("/q/swagger-ui/")
    URL page;

    @Test
    void theApiIsListedWithNoSignIn() {
        browser.signOut();
        browser.driver().get(page.toString());
        browser.until("the operations are listed", d -> !browser.all(".opblock-summary-path").isEmpty());
        boolean evaluations = browser.all(".opblock-summary-path").stream()
                .anyMatch(e -> e.getAttribute("data-path") != null && e.getAttribute("data-path").equals("/api/v1/evaluations"));
        assertTrue(evaluations, "POST /api/v1/evaluations is listed");
        // the relaxed policy is Swagger UI's alone
        given().auth().none().get("/index.html").then().header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.not(containsString("unsafe-inline")));
        given().auth().none().get("/q/swagger-ui/").then().header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
    }
}
