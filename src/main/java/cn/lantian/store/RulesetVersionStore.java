package cn.lantian.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule versions kept in the store (migration V12): each version's files (rules and fixtures, as text),
 * who made it, why and when, its fixtures' result, and which version serves ({@code ruleset_active}, the one
 * row every instance reads its active ruleset from). An activation is one transaction: the new version if
 * there is one, the active row moved on only where it still names the version the activation was tested
 * against, the activation's row and its audit event.
 */
@ApplicationScoped
public class RulesetVersionStore {
    public static final String RULES = "RULES";
    public static final String FIXTURES = "FIXTURES";
    /**
     * The PostgreSQL channel an activation notifies in its own transaction (so the notice goes out only when it
     * commits), its payload the activation's serial; every instance listens ({@code cn.lantian.service.RulesWatch}).
     */
    public static final String CHANNEL = "lantian_ruleset";

    @Inject
    Database db;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    /** A kept version, without its files. */
    public record StoredVersion(long number, String rulesetVersion, String contentHash, String author, String reason,
                                OffsetDateTime createdAt, Long previous, String origin, int fixturesPassed,
                                int fixturesFailed, JsonNode coverage) {}

    /** The version serving and the activation that put it there. */
    public record Active(long version, long serial, OffsetDateTime activatedAt, String activatedBy) {}

    /** One activation: which version, the one it replaced, who, when and why. */
    public record Activation(long serial, long version, Long previous, OffsetDateTime activatedAt, String activatedBy,
                             String reason, String action) {}

    /** A version to keep: its content and its fixtures' result. */
    public record NewVersion(String rulesetVersion, String contentHash, String origin, int fixturesPassed,
                             int fixturesFailed, Object coverage, Map<String, String> rules, Map<String, String> fixtures) {}

    private static final String COLUMNS = "number, ruleset_version, content_hash, author, reason, created_at, previous, "
            + "origin, fixtures_passed, fixtures_failed, coverage";

    public Optional<Active> active() {
        return db.read("the rule versions could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select version, serial, activated_at, activated_by from ruleset_active where id = 1");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Active(r.getLong(1), r.getLong(2), r.getObject(3, OffsetDateTime.class),
                        r.getString(4))) : Optional.empty();
            }
        });
    }

    /** Every version, newest first. */
    public List<StoredVersion> list() {
        return db.read("the rule versions could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from ruleset_version order by number desc");
                 ResultSet r = s.executeQuery()) {
                List<StoredVersion> out = new ArrayList<>();
                while (r.next()) {
                    out.add(version(r));
                }
                return out;
            }
        });
    }

    public Optional<StoredVersion> find(long number) {
        return one("select " + COLUMNS + " from ruleset_version where number = ?", number);
    }

    public Optional<StoredVersion> findByContent(String contentHash) {
        return one("select " + COLUMNS + " from ruleset_version where content_hash = ?", contentHash);
    }

    /** The newest version whose rules hash to this ({@code sha256:…}, as decisions name it). */
    public Optional<StoredVersion> findByRulesetVersion(String rulesetVersion) {
        return one("select " + COLUMNS + " from ruleset_version where ruleset_version = ? order by number desc limit 1",
                rulesetVersion);
    }

    /** A version's files of one kind ({@link #RULES} or {@link #FIXTURES}) by their path, in path order. */
    public Map<String, String> files(long version, String kind) {
        return db.read("the rule versions could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select path, content from ruleset_file where version = ? and kind = ? order by path")) {
                s.setLong(1, version);
                s.setString(2, kind);
                Map<String, String> out = new TreeMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getString(2));
                    }
                }
                return out;
            }
        });
    }

    /** Every activation, newest first. */
    public List<Activation> activations() {
        return db.read("the rule versions could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select serial, version, previous, activated_at, activated_by, "
                    + "reason, action from ruleset_activation order by serial desc");
                 ResultSet r = s.executeQuery()) {
                List<Activation> out = new ArrayList<>();
                while (r.next()) {
                    long previous = r.getLong(3);
                    Long prev = r.wasNull() ? null : previous;
                    out.add(new Activation(r.getLong(1), r.getLong(2), prev,
                            r.getObject(4, OffsetDateTime.class), r.getString(5), r.getString(6), r.getString(7)));
                }
                return out;
            }
        });
    }

    /**
     * Makes a version the serving one, in one transaction with its audit event: {@code created} (when not
     * null) is kept first as a new version made by this author for this reason; then the active row moves
     * from {@code expected} (null: no version serves yet) to it. When the row no longer names
     * {@code expected}, another activation came first: nothing is kept and {@link StoreConflictException}
     * says so. {@code version} names an existing version when {@code created} is null.
     *
     * @param auditAction the audit trail's action (RULESET_ACTIVATED or RULESET_ROLLED_BACK)
     * @param auditDetail what the audit event says beside the version's number, the previous one's and the reason
     * @return the version now serving
     */
    public StoredVersion activate(Long expected, NewVersion created, Long version, String author, String reason,
                                  String auditAction, Map<String, Object> auditDetail) {
        return db.write("the rule version could not be kept; nothing was activated", c -> {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            Optional<Active> current = active(c);
            if (!java.util.Objects.equals(current.map(Active::version).orElse(null), expected)) {
                throw new StoreConflictException("another activation came first: version "
                        + current.map(a -> String.valueOf(a.version())).orElse("none") + " serves, not " + expected);
            }
            long number = created == null ? version : insert(c, created, author, reason, expected, now);
            long serial = current.map(a -> a.serial() + 1).orElse(1L);
            if (current.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("insert into ruleset_active (id, version, serial, activated_at, "
                        + "activated_by) values (1, ?, ?, ?, ?)")) {
                    s.setLong(1, number);
                    s.setLong(2, serial);
                    s.setObject(3, now);
                    s.setString(4, author);
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement("update ruleset_active set version = ?, serial = ?, "
                        + "activated_at = ?, activated_by = ? where id = 1 and version = ? and serial = ?")) {
                    s.setLong(1, number);
                    s.setLong(2, serial);
                    s.setObject(3, now);
                    s.setString(4, author);
                    s.setLong(5, expected);
                    s.setLong(6, current.get().serial());
                    if (s.executeUpdate() != 1) {
                        throw new StoreConflictException("another activation came first");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into ruleset_activation (serial, version, previous, "
                    + "activated_at, activated_by, reason, action) values (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, serial);
                s.setLong(2, number);
                s.setObject(3, expected);
                s.setObject(4, now);
                s.setString(5, author);
                s.setString(6, reason);
                s.setString(7, auditAction.equals("RULESET_ROLLED_BACK") ? "ROLLED_BACK" : "ACTIVATED");
                s.executeUpdate();
            }
            if (db.postgres()) {
                try (PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
                    s.setString(1, CHANNEL);
                    s.setString(2, Long.toString(serial));
                    s.execute();
                }
            }
            StoredVersion kept = find(c, number).orElseThrow();
            Map<String, Object> detail = new LinkedHashMap<>(auditDetail);
            detail.put("version", number);
            detail.put("previousVersion", expected);
            detail.put("reason", reason);
            audit.record(c, author, auditAction, kept.rulesetVersion(), null, detail);
            return kept;
        });
    }

    /**
     * Keeps {@code created} as a new version made by this author for this reason on top of {@code previous},
     * without activating it: an activation keeps its version first, so that every instance can compile it ahead
     * of the switch ({@link RulesetInstanceStore#requestPrepare}), and then moves the active row with
     * {@link #activate} naming it. A version kept so and never activated (the activation was overtaken, or the
     * instance stopped in between) stays in the list like any other, and activating the same content later
     * activates it.
     */
    public StoredVersion keep(NewVersion created, String author, String reason, Long previous) {
        return db.write("the rule version could not be kept", c -> {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            active(c); // locks the active row: two instances keeping at once take the next numbers in turn
            return find(c, insert(c, created, author, reason, previous, now)).orElseThrow();
        });
    }

    private long insert(Connection c, NewVersion v, String author, String reason, Long previous, OffsetDateTime now)
            throws SQLException {
        long number;
        try (PreparedStatement s = c.prepareStatement("select coalesce(max(number), 0) + 1 from ruleset_version");
             ResultSet r = s.executeQuery()) {
            r.next();
            number = r.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement("insert into ruleset_version (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, number);
            s.setString(2, v.rulesetVersion());
            s.setString(3, v.contentHash());
            s.setString(4, author);
            s.setString(5, reason);
            s.setObject(6, now);
            s.setObject(7, previous);
            s.setString(8, v.origin());
            s.setInt(9, v.fixturesPassed());
            s.setInt(10, v.fixturesFailed());
            s.setString(11, json.valueToTree(v.coverage()).toString());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into ruleset_file (version, kind, path, content) values (?, ?, ?, ?)")) {
            for (var kind : List.of(Map.entry(RULES, v.rules()), Map.entry(FIXTURES, v.fixtures()))) {
                for (var f : kind.getValue().entrySet()) {
                    s.setLong(1, number);
                    s.setString(2, kind.getKey());
                    s.setString(3, f.getKey());
                    s.setString(4, f.getValue());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
        return number;
    }

    private Optional<Active> active(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select version, serial, activated_at, activated_by from ruleset_active where id = 1 for update");
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new Active(r.getLong(1), r.getLong(2), r.getObject(3, OffsetDateTime.class),
                    r.getString(4))) : Optional.empty();
        }
    }

    private Optional<StoredVersion> one(String sql, Object key) {
        return db.read("the rule versions could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(version(r)) : Optional.empty();
                }
            }
        });
    }

    private Optional<StoredVersion> find(Connection c, long number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from ruleset_version where number = ?")) {
            s.setLong(1, number);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(version(r)) : Optional.empty();
            }
        }
    }

    private StoredVersion version(ResultSet r) throws SQLException {
        long previous = r.getLong(7);
        Long prev = r.wasNull() ? null : previous;
        try {
            return new StoredVersion(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                    r.getObject(6, OffsetDateTime.class), prev, r.getString(8), r.getInt(9), r.getInt(10),
                    json.readTree(r.getString(11)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule version's coverage is not readable JSON", e);
        }
    }
}
