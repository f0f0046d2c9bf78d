package cn.lantian.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An evaluation answered 200 is in the database file at that moment: a copy of the embedded H2 file taken
 * as the answer arrives (what {@code kill -9} would leave on the disk) holds it, byte for byte. H2's own
 * setting keeps commits in memory for up to half a second, so on it this test fails. (That the file is also
 * forced to the disk, against a power cut, cannot be seen from inside the process; bench/crash.sh kills the
 * service for real.)
 */
@QuarkusTest
class AcknowledgedIsOnDiskTest {
    private static final String UNCOVERED = "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}";

    @Inject
    Database db;

    @ConfigProperty(name = "lantian.data.dir")
    String dataDir;

    @Test
    void aCopyOfTheFileTakenAsTheAnswerArrivesHoldsTheEvaluation() throws Exception {
        assumeTrue(db.name().equals("h2"), "the embedded H2 store only");
        Path file = Path.of(dataDir, "lantian.mv.db");
        // The first evaluation of a fresh service can take long enough for H2's own writer to catch up.
        given().contentType(ContentType.JSON).body(LedgerTest.site("S-" + UUID.randomUUID(), "zhengzhou",
                "2026-12-10T09:00:00+08:00", UNCOVERED)).post("/api/v1/evaluations").then().statusCode(200);
        long syncsBefore = db.durability().syncs();
        for (int i = 0; i < 3; i++) {
            String answered = given().contentType(ContentType.JSON)
                    .body(LedgerTest.site("S-" + UUID.randomUUID(), "zhengzhou", "2026-12-10T09:00:00+08:00",
                            UNCOVERED))
                    .post("/api/v1/evaluations").then().statusCode(200).extract().asString();
            Path crashed = Files.createTempDirectory(Path.of("target"), "crashed-");
            try {
                Files.copy(file, crashed.resolve("lantian.mv.db"));
                String id = JsonPath.from(answered).getString("evaluationId");
                String stored = storedIn(crashed, id);
                assertTrue(answered.equals(stored), "evaluation " + (i + 1) + " of 3 (" + id + "), answered 200, is "
                        + (stored == null ? "missing from" : "not as answered in") + " the file as it was when it was answered");
            } finally {
                try (Stream<Path> files = Files.walk(crashed)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        assertTrue(db.durability().syncs() > syncsBefore, "each acknowledged write forces the file to the disk");
    }

    /** The decision stored under the id in the database file of the folder, or null. */
    private static String storedIn(Path folder, String id) throws Exception {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("lantian")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection(url, "lantian", "lantian");
             PreparedStatement s = c.prepareStatement("select decision from evaluation where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
