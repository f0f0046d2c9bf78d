package cn.lantian.notice;

import cn.lantian.identity.Users;
import cn.lantian.store.AuditLog;
import cn.lantian.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The notices outbox: what the service tells a city's gateway (SMS, WeChat) of, written in the
 * transaction of the change it tells of, so that a notice is kept exactly when its change is committed;
 * {@link NoticeDeliverer} sends it afterwards, at least once. A notice is PENDING until its webhook
 * answers 2xx (DELIVERED) or it has failed {@code lantian.notices.max-attempts} times in a row (FAILED,
 * which an ADMIN may put back with {@link #retry}).
 */
@ApplicationScoped
public class Notices {
    /** A case opened for a RECTIFY order or a monitoring alarm (contract section 8). */
    public static final String CASE_OPENED = "CASE_OPENED";
    public static final String CASE_REPLIED = "CASE_REPLIED";
    public static final String CASE_OVERDUE = "CASE_OVERDUE";
    public static final String CASE_CLOSED = "CASE_CLOSED";
    public static final String CASE_NOT_RECTIFIED = "CASE_NOT_RECTIFIED";
    /** A CHIEF declared an alert for a jurisdiction; the data names the subjects it stops. */
    public static final String ALERT_DECLARED = "ALERT_DECLARED";
    public static final String ALERT_LIFTED = "ALERT_LIFTED";

    /** An event name: UPPER_SNAKE, as the audit trail's actions. */
    static final Pattern EVENT = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");
    static final String NO_WEBHOOK = "no webhook configured (lantian.notices.webhook-url)";

    public enum State { PENDING, DELIVERED, FAILED }

    @Inject
    Database db;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    NoticeSettings settings;

    @Inject
    AuditLog audit;

    /** One delivery attempt: when, the receiver's HTTP status (null: no answer), what went wrong, how long it took. */
    public record Attempt(int attempt, OffsetDateTime at, Integer status, String error, long durationMs) {}

    /** A notice as listed: its event and data, its delivery state and every attempt, oldest first. */
    public record Notice(String id, String event, String jurisdiction, String subject, OffsetDateTime createdAt,
                         State state, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt,
                         Integer lastStatus, String lastError, OffsetDateTime deliveredAt, JsonNode data,
                         List<Attempt> log) {}

    public record Page(List<Notice> items, long total, int page, int size) {}

    /**
     * Which notices to list: each filter optional; {@code jurisdictions} empty means all of them (an ADMIN,
     * a CHIEF whose account names none).
     */
    public record Filter(State state, String event, String jurisdiction, String subject, Set<String> jurisdictions) {}

    /**
     * Records a notice of {@code event} in {@code jurisdiction}, about a subject (or none), with its data:
     * in the transaction open on this thread ({@link Database#transaction}), so that it commits or rolls
     * back with the change that caused it, or in one of its own. The data is written as JSON, as the
     * service's other answers are. The notice is sent once committed, within a poll interval.
     */
    public void enqueue(String event, String jurisdiction, String subjectId, Map<String, Object> payload) {
        if (event == null || !EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException("a notice's event is UPPER_SNAKE, at most 60 characters: " + event);
        }
        if (jurisdiction == null || jurisdiction.isBlank() || jurisdiction.length() > 100) {
            throw new IllegalArgumentException("a notice names its jurisdiction (at most 100 characters)");
        }
        if (subjectId != null && subjectId.length() > 200) {
            throw new IllegalArgumentException("a subject id is at most 200 characters");
        }
        String data;
        try {
            data = json.writeValueAsString(payload == null ? Map.of() : payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the notice's data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        OffsetDateTime now = now();
        String id = UUID.randomUUID().toString();
        db.write("the notice could not be stored; nothing was changed", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into notices (id, event, jurisdiction, subject_id, payload,"
                    + " created_at, state, attempts, next_attempt_at, last_error) values (?,?,?,?,?,?,'PENDING',0,?,?)")) {
                s.setString(1, id);
                s.setString(2, event);
                s.setString(3, jurisdiction);
                s.setString(4, subjectId);
                s.setString(5, data);
                s.setObject(6, now);
                s.setObject(7, now);
                s.setString(8, settings.configured() ? null : NO_WEBHOOK);
                return s.executeUpdate();
            }
        });
    }

    /** Notices by the filter, newest first, a page at a time, each with its delivery log. */
    public Page find(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.state() != null) {
            where.append(" and state = ?");
            args.add(f.state().name());
        }
        if (f.event() != null) {
            where.append(" and event = ?");
            args.add(f.event());
        }
        if (f.jurisdiction() != null) {
            where.append(" and jurisdiction = ?");
            args.add(f.jurisdiction());
        }
        if (f.subject() != null) {
            where.append(" and subject_id = ?");
            args.add(f.subject());
        }
        if (!f.jurisdictions().isEmpty()) {
            where.append(" and jurisdiction in (").append(String.join(",", Collections.nCopies(f.jurisdictions().size(), "?")))
                    .append(")");
            args.addAll(new TreeSet<>(f.jurisdictions()));
        }
        return db.read("the notices could not be read", c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from notices" + where)) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<Notice> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from notices" + where
                    + " order by created_at desc, id limit " + size + " offset " + (long) page * size)) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(notice(r, List.of()));
                    }
                }
            }
            return new Page(withLogs(c, items), total, page, size);
        });
    }

    /** One notice with its log. */
    public Optional<Notice> find(String id) {
        return db.read("the notices could not be read", c -> one(c, id));
    }

    /**
     * Puts a FAILED notice back to PENDING, due now, for a new round of attempts (its log keeps the earlier
     * ones); kept in the audit trail. 404 when there is no such notice, 409 when it has not failed.
     */
    public Notice retry(String user, String id) {
        return db.transaction(() -> {
            Notice before = db.read("the notices could not be read", c -> one(c, id))
                    .orElseThrow(() -> new NotFoundException("no notice " + id));
            int changed = db.write("the notice could not be stored; nothing was changed", c -> {
                try (PreparedStatement s = c.prepareStatement("update notices set state = 'PENDING', attempts = 0,"
                        + " next_attempt_at = ?, claim = null where id = ? and state = 'FAILED'")) {
                    s.setObject(1, now());
                    s.setString(2, id);
                    return s.executeUpdate();
                }
            });
            if (changed == 0) {
                throw new Users.Conflict("the notice " + id + " is " + before.state() + "; only a FAILED notice is retried");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("event", before.event());
            detail.put("attempts", before.attempts());
            detail.put("lastStatus", before.lastStatus());
            detail.put("lastError", before.lastError());
            audit.record(user, "NOTICE_RETRIED", id, before.jurisdiction(), detail);
            return db.read("the notices could not be read", c -> one(c, id)).orElseThrow();
        });
    }

    // --- for the deliverer ---------------------------------------------------------------------------

    /** A notice claimed for one attempt: what is sent, and the claim that lets only this attempt record its outcome. */
    record Claimed(String id, String event, String jurisdiction, String subject, String payload, OffsetDateTime createdAt,
                   int attempts, String claim) {}

    /** The ids of PENDING notices due at {@code now}, oldest first. */
    List<String> due(OffsetDateTime now, int limit) {
        return db.read("the notices could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select id from notices where state = 'PENDING' and next_attempt_at <= ?"
                    + " order by created_at, id limit " + limit)) {
                s.setObject(1, now);
                List<String> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Claims a notice for one attempt if it is still PENDING and due: its next attempt is moved to
     * {@code leaseUntil} in the same statement, so that no other deliverer (this instance's or another's)
     * takes it meanwhile, and taken again only if this one never reports.
     */
    Optional<Claimed> claim(String id, OffsetDateTime now, OffsetDateTime leaseUntil) {
        String claim = UUID.randomUUID().toString();
        return db.write("the notice could not be claimed", c -> {
            try (PreparedStatement s = c.prepareStatement("update notices set next_attempt_at = ?, claim = ?"
                    + " where id = ? and state = 'PENDING' and next_attempt_at <= ?")) {
                s.setObject(1, leaseUntil);
                s.setString(2, claim);
                s.setString(3, id);
                s.setObject(4, now);
                if (s.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "select id, event, jurisdiction, subject_id, payload, created_at, attempts from notices where id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(new Claimed(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), utc(r.getObject(6, OffsetDateTime.class)), r.getInt(7), claim));
                }
            }
        });
    }

    /**
     * Records an attempt's outcome, if the claim still holds: the notice DELIVERED, PENDING again at
     * {@code next}, or FAILED (next null and not delivered); the attempt appended to its log. False when
     * the claim was lost (the lease ran out and another deliverer took the notice).
     */
    boolean record(Claimed n, State state, OffsetDateTime at, Integer status, String error, long durationMs,
                   OffsetDateTime next) {
        String err = error == null ? null : error.length() > 500 ? error.substring(0, 497) + "..." : error;
        return db.write("the notice's attempt could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement("update notices set state = ?, attempts = attempts + 1,"
                    + " last_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ?,"
                    + " next_attempt_at = ?, claim = null where id = ? and claim = ?")) {
                s.setString(1, state.name());
                s.setObject(2, at);
                setInteger(s, 3, status);
                s.setString(4, err);
                s.setObject(5, state == State.DELIVERED ? at : null);
                // a DELIVERED or FAILED notice is due never; the column keeps the attempt's time
                s.setObject(6, next == null ? at : next);
                s.setString(7, n.id());
                s.setString(8, n.claim());
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            int attempt;
            try (PreparedStatement s = c.prepareStatement("select coalesce(max(attempt), 0) + 1 from notice_attempt where notice_id = ?")) {
                s.setString(1, n.id());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    attempt = r.getInt(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into notice_attempt (notice_id, attempt, at, status, error, duration_ms) values (?,?,?,?,?,?)")) {
                s.setString(1, n.id());
                s.setInt(2, attempt);
                s.setObject(3, at);
                setInteger(s, 4, status);
                s.setString(5, err);
                s.setLong(6, durationMs);
                s.executeUpdate();
            }
            return true;
        });
    }

    // --- reading rows --------------------------------------------------------------------------------

    private static final String COLUMNS = "id, event, jurisdiction, subject_id, payload, created_at, state, attempts,"
            + " next_attempt_at, last_attempt_at, last_status, last_error, delivered_at";

    private Optional<Notice> one(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from notices where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(withLogs(c, List.of(notice(r, List.of()))).get(0));
            }
        }
    }

    private Notice notice(ResultSet r, List<Attempt> log) throws SQLException {
        State state = State.valueOf(r.getString(7));
        int status = r.getInt(11);
        Integer lastStatus = r.wasNull() ? null : status;
        JsonNode data;
        try {
            data = json.readTree(r.getString(5));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice's data is not readable JSON", e);
        }
        return new Notice(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                utc(r.getObject(6, OffsetDateTime.class)), state, r.getInt(8),
                state == State.PENDING ? utc(r.getObject(9, OffsetDateTime.class)) : null,
                utc(r.getObject(10, OffsetDateTime.class)), lastStatus, r.getString(12),
                utc(r.getObject(13, OffsetDateTime.class)), data, log);
    }

    private List<Notice> withLogs(Connection c, List<Notice> notices) throws SQLException {
        if (notices.isEmpty()) {
            return notices;
        }
        Map<String, List<Attempt>> logs = new LinkedHashMap<>();
        notices.forEach(n -> logs.put(n.id(), new ArrayList<>()));
        try (PreparedStatement s = c.prepareStatement("select notice_id, attempt, at, status, error, duration_ms from notice_attempt"
                + " where notice_id in (" + String.join(",", Collections.nCopies(notices.size(), "?")) + ")"
                + " order by notice_id, attempt")) {
            bind(s, new ArrayList<>(logs.keySet()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int status = r.getInt(4);
                    Integer st = r.wasNull() ? null : status;
                    logs.get(r.getString(1)).add(new Attempt(r.getInt(2), utc(r.getObject(3, OffsetDateTime.class)), st,
                            r.getString(5), r.getLong(6)));
                }
            }
        }
        return notices.stream().map(n -> new Notice(n.id(), n.event(), n.jurisdiction(), n.subject(), n.createdAt(), n.state(),
                n.attempts(), n.nextAttemptAt(), n.lastAttemptAt(), n.lastStatus(), n.lastError(), n.deliveredAt(), n.data(),
                List.copyOf(logs.get(n.id())))).toList();
    }

    private static void bind(PreparedStatement s, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static void setInteger(PreparedStatement s, int i, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, value);
        }
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
