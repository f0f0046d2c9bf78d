package cn.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On PostgreSQL a commit is durable before it returns only with {@code synchronous_commit} on: where the
 * connection's default turns it off (here the JDBC URL does, as a server, database or role setting would),
 * the store's connections turn it back on. Runs with the "pg" test profile only (.ci/run).
 */
@QuarkusTest
@TestProfile(PgSynchronousCommitTest.SynchronousCommitOff.class)
@EnabledIfSystemProperty(named = "quarkus.test.profile", matches = ".*\\bpg\\b.*")
class PgSynchronousCommitTest {
    static final String URL = System.getProperty("lantian.pg.url", "jdbc:postgresql://localhost:5432/lantian")
            + (System.getProperty("lantian.pg.url", "").contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";

    public static class SynchronousCommitOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.pg.jdbc.url", URL);
        }
    }

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.datasource.pg.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.pg.password")
    String password;

    @Test
    void theStoresConnectionsCommitSynchronously() throws SQLException {
        try (Connection plain = DriverManager.getConnection(URL, user, password)) {
            assertEquals("off", setting(plain), "the test's URL turns synchronous_commit off");
        }
        assertEquals("pg", db.name());
        assertEquals("on", db.read("the setting could not be read", PgSynchronousCommitTest::setting));
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select current_setting('synchronous_commit')")) {
            r.next();
            return r.getString(1);
        }
    }
}
