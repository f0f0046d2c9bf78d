package cn.lantian.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A client that asks to upgrade to cleartext HTTP/2 (the JDK's HTTP client does by default) is answered over
 * HTTP/1.1 like any other, its body read by the service's limits: a decision, or a problem, never a 500.
 */
@QuarkusTest
class Http2UpgradeTest {
    private static HttpResponse<String> post(String user, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/v1/evaluations?record=false")).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + auth).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUpgradeRequestWithABodyIsDecidedOrRefusedNeverA500() throws Exception {
        String record = Files.readString(Path.of("bench/src/main/resources/eight-site.json"));
        HttpResponse<String> decided = post(TestUsers.INSPECTOR, record);
        assertEquals(200, decided.statusCode(), decided.body());
        assertTrue(decided.body().contains("\"violations\""), decided.body());

        HttpResponse<String> refused = post(TestUsers.INSPECTOR, "{\"subject\": 5}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        HttpResponse<String> forbidden = post(TestUsers.ADMIN, record);
        assertEquals(403, forbidden.statusCode(), forbidden.body());
    }
}
