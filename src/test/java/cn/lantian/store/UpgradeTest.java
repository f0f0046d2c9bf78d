package cn.lantian.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A data folder as the first released service left it (the schema of migration 1, an evaluation and an
 * alert in it) is upgraded by the service's migrations at start-up, never deleted: the evaluation reads back
 * byte for byte and is the subject's history, and the alert reads back. The migrations already
 * released are never edited (a data folder that holds one would refuse to start): a schema change is a
 * new migration.
 */
@QuarkusTest
@TestProfile(UpgradeTest.ReleasedDataFolder.class)
class UpgradeTest {
    /** The migrations main has shipped, with the checksum Flyway recorded for each in every data folder. */
    static final Map<String, Integer> RELEASED = Map.of("1", 1886773448, "5", 1162798584);
    /** The oldest released schema: the folder starts there and goes through every later migration. */
    static final String OLDEST = "1";

    static final Path FOLDER = Path.of("target", "upgrade-data");
    static final String ID = "0b7e1c52-6f1e-4d57-9a43-2f7d9e1d0c11";
    static final String SUBJECT = "S-UPGRADE-1";
    static final String ALERT = "5d1f7a0e-1c2b-4e8a-9b6f-3a2d4c5e6f70";
    static final String REQUEST = LedgerTest.site(SUBJECT, "zhengzhou", "2026-12-10T09:00:00+08:00",
            "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}");
    static final String INSPECTION = REQUEST.substring(0, REQUEST.length() - 1) + ", \"alertLevel\": \"NONE\"}";
    static final String DECISION = "{\"evaluationId\":\"" + ID + "\",\"rulesetVersion\":\"sha256:released\",\"compliant\":false,"
            + "\"violations\":[{\"code\":\"STOCKPILE_COVER\",\"title\":\"物料堆放覆盖\",\"standard\":\"SIX\",\"observed\":0.75,"
            + "\"required\":1.0,\"legalBasis\":\"APPCL-115\",\"rule\":\"Every stockpile must be covered or closed\","
            + "\"message\":\"物料堆 4 处，仅 3 处覆盖（75%），须全部覆盖或密闭。\"}],"
            + "\"orders\":[{\"type\":\"RECTIFY\",\"violation\":\"STOCKPILE_COVER\",\"deadline\":\"2026-12-13T09:00:00+08:00\","
            + "\"legalBasis\":\"APPCL-115\",\"reason\":\"限 72 小时内整改：物料堆放覆盖。\","
            + "\"rule\":\"Every other violation must be put right within the default deadline\"}],"
            + "\"penalties\":[{\"legalBasis\":\"APPCL-115\",\"fineMinYuan\":10000,\"fineMaxYuan\":100000,"
            + "\"recommendedFineYuan\":10000,\"measures\":[\"ORDER_CORRECTION\"],\"violations\":[\"STOCKPILE_COVER\"],"
            + "\"rule\":\"The violations under one article make one penalty, fined by their number\","
            + "\"reason\":\"1 项违反 APPCL-115，取最低额 10000 元。\"}],\"inspected\":[\"STOCKPILE_COVER\"],\"trace\":[]}";

    public static class ReleasedDataFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lantian.data.dir", "./" + FOLDER);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Released.class));
        }
    }

    /** Before the service starts: a fresh folder with the released schema and data in it. */
    public static class Released implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                if (Files.exists(FOLDER)) {
                    try (Stream<Path> files = Files.walk(FOLDER)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                String url = "jdbc:h2:file:" + FOLDER.toAbsolutePath().resolve("lantian")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
                Flyway.configure().dataSource(url, "lantian", "lantian").locations("classpath:db/migration")
                        .target(OLDEST).load().migrate();
                try (Connection c = DriverManager.getConnection(url, "lantian", "lantian")) {
                    try (PreparedStatement s = c.prepareStatement("insert into evaluation (id, subject_id, subject_kind,"
                            + " jurisdiction, inspected_at_text, recorded_at, ruleset_version, compliant, request, inspection,"
                            + " decision, inspected_at) values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                        s.setString(1, ID);
                        s.setString(2, SUBJECT);
                        s.setString(3, "SITE");
                        s.setString(4, "zhengzhou");
                        s.setString(5, "2026-12-10T09:00:00+08:00");
                        s.setObject(6, OffsetDateTime.parse("2026-12-10T09:05:00+08:00"));
                        s.setString(7, "sha256:released");
                        s.setBoolean(8, false);
                        s.setString(9, REQUEST);
                        s.setString(10, INSPECTION);
                        s.setString(11, DECISION);
                        s.setObject(12, OffsetDateTime.parse("2026-12-10T09:00:00+08:00"));
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement("insert into alert (id, jurisdiction, level, valid_from,"
                            + " valid_to, declared_at, valid_from_text, valid_to_text) values (?,?,?,?,?,?,?,?)")) {
                        s.setString(1, ALERT);
                        s.setString(2, "zhengzhou");
                        s.setString(3, "ORANGE");
                        s.setObject(4, OffsetDateTime.parse("2026-12-01T00:00:00+08:00"));
                        s.setObject(5, OffsetDateTime.parse("2026-12-05T00:00:00+08:00"));
                        s.setObject(6, OffsetDateTime.parse("2026-11-30T18:00:00+08:00"));
                        s.setString(7, "2026-12-01T00:00:00+08:00");
                        s.setString(8, "2026-12-05T00:00:00+08:00");
                        s.executeUpdate();
                    }
                }
            } catch (IOException | java.sql.SQLException e) {
                throw new IllegalStateException("could not make the released data folder", e);
            }
            return new HashMap<>();
        }

        @Override
        public void stop() {}
    }

    @Inject
    Database db;

    @Test
    void theReleasedFolderIsMigratedAndItsRecordsServe() throws Exception {
        assumeTrue(db.name().equals("h2"), "the data folder is the embedded H2's");
        given().get("/api/v1/evaluations/" + ID).then().statusCode(200);
        assertEquals(DECISION, given().get("/api/v1/evaluations/" + ID).then().extract().asString());
        given().get("/api/v1/subjects/" + SUBJECT + "/evaluations").then().statusCode(200).body("total", equalTo(1));
        // The released record is the subject's history: four days on, still uncovered, the order is not carried out.
        given().contentType(ContentType.JSON)
                .body(LedgerTest.site(SUBJECT, "zhengzhou", "2026-12-14T10:30:00+08:00", "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}"))
                .post("/api/v1/evaluations").then().statusCode(200).body("violations.code", hasItem("NOT_RECTIFIED"));
        given().get("/api/v1/alerts/zhengzhou").then().statusCode(200)
                .body("[0].id", equalTo(ALERT)).body("[0].level", equalTo("ORANGE"));

        List<Path> migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).toList();
        }
        Map<String, Integer> applied = new HashMap<>();
        db.read("the migration history could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select \"version\", \"checksum\" from \"flyway_schema_history\""
                    + " where \"success\" and \"version\" is not null");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    applied.put(r.getString(1), r.getInt(2));
                }
            }
            return null;
        });
        assertEquals(migrations.size(), applied.size(), "every migration applied to the released folder: " + applied.keySet());
        RELEASED.forEach((version, checksum) -> assertEquals(checksum, applied.get(version),
                "migration " + version + " was released and is in users' data folders: change the schema with a new"
                        + " migration, never by editing a released one"));
    }
}
