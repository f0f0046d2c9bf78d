package cn.lantian.store;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import cn.lantian.fact.CaseOutcome;
import cn.lantian.fact.CaseState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Rectification cases, their replies and the evaluations they went through, one row each. */
@ApplicationScoped
public class CaseStore {
    private static final String COLUMNS = "id, subject_id, subject_kind, subject_name, jurisdiction, violation, title, "
            + "legal_basis, reason, opened_by, ordered_at_text, deadline_text, original_fine_yuan, state, claimed, closed_at, "
            + "updated_at, last_inspected_at, version, origin";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /** Which cases a list asks for; null or empty means any. */
    public record Filter(Set<String> jurisdictions, Set<String> subjects, String subject, CaseState state, Boolean open,
                         Boolean overdue, Instant now, Boolean claimed) {
        public Filter(Set<String> jurisdictions, Set<String> subjects, String subject, CaseState state, Boolean open,
                      Boolean overdue, Instant now) {
            this(jurisdictions, subjects, subject, state, open, overdue, now, null);
        }
    }

    public record Page(long total, List<StoredCase> cases) {}

    void insert(StoredCase c) {
        db.write("the case could not be stored", conn -> {
            try (PreparedStatement s = conn.prepareStatement("insert into rectification_case (" + COLUMNS
                    + ", ordered_at, deadline, overdue_noticed, open_key) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, c.id());
                s.setString(2, c.subjectId());
                s.setString(3, c.subjectKind());
                s.setString(4, c.subjectName());
                s.setString(5, c.jurisdiction());
                s.setString(6, c.violation());
                s.setString(7, c.title());
                s.setString(8, c.legalBasis());
                s.setString(9, c.reason());
                s.setString(10, c.openedBy());
                s.setString(11, ISO_OFFSET_DATE_TIME.format(c.orderedAt()));
                s.setString(12, c.deadline() == null ? null : ISO_OFFSET_DATE_TIME.format(c.deadline()));
                s.setLong(13, c.originalFineYuan());
                s.setString(14, c.state().name());
                s.setBoolean(15, c.claimed());
                s.setObject(16, utc(c.closedAt()));
                s.setObject(17, utc(c.updatedAt()));
                s.setObject(18, utc(c.lastInspectedAt()));
                s.setInt(19, c.version());
                s.setString(20, c.origin());
                s.setObject(21, utc(c.orderedAt()));
                s.setObject(22, utc(c.deadline()));
                s.setBoolean(23, false);
                s.setString(24, c.state().isOpen() ? openKey(c) : null);
                return s.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new StoreConflictException("the item " + c.violation() + " of " + c.subjectId()
                            + " is under an open case already (another record of it was kept meanwhile); send it again");
                }
                throw e;
            }
        });
    }

    private static String openKey(StoredCase c) {
        return c.subjectId() + "|" + c.violation();
    }

    /**
     * An alarm's case taken over by an order ({@link StoredCase#orderedBy}), if it still stands where the caller read it:
     * the order's time, deadline, fines, law and reason, and its origin, replace the alarm's.
     */
    boolean takeOver(StoredCase was, StoredCase now) {
        return db.write("the case could not be changed", conn -> {
            try (PreparedStatement s = conn.prepareStatement("update rectification_case set opened_by = ?, ordered_at = ?,"
                    + " ordered_at_text = ?, deadline = ?, deadline_text = ?, original_fine_yuan = ?, legal_basis = ?, reason = ?,"
                    + " state = ?, claimed = ?, updated_at = ?, last_inspected_at = ?, version = ?, origin = ?,"
                    + " overdue_noticed = ? where id = ? and version = ?")) {
                s.setString(1, now.openedBy());
                s.setObject(2, utc(now.orderedAt()));
                s.setString(3, ISO_OFFSET_DATE_TIME.format(now.orderedAt()));
                s.setObject(4, utc(now.deadline()));
                s.setString(5, now.deadline() == null ? null : ISO_OFFSET_DATE_TIME.format(now.deadline()));
                s.setLong(6, now.originalFineYuan());
                s.setString(7, now.legalBasis());
                s.setString(8, now.reason());
                s.setString(9, now.state().name());
                s.setBoolean(10, now.claimed());
                s.setObject(11, utc(now.updatedAt()));
                s.setObject(12, utc(now.lastInspectedAt()));
                s.setInt(13, now.version());
                s.setString(14, now.origin());
                s.setBoolean(15, false);
                s.setString(16, was.id());
                s.setInt(17, was.version());
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * Holds an open case for the rest of the caller's transaction (a version step on its row, which a concurrent
     * change of it waits for): verifications of its alarms and an alarm joining it take turns, so that each sees what
     * the other kept. False when the case is closed (or gone): nothing is held.
     */
    boolean hold(String id, OffsetDateTime at) {
        return db.write("the case could not be changed", conn -> {
            try (PreparedStatement s = conn.prepareStatement("update rectification_case set version = version + 1, updated_at = ?"
                    + " where id = ? and state <> 'CLOSED'")) {
                s.setObject(1, utc(at));
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Moves a case on, if it still stands where the caller read it (else another change came first: false). */
    boolean update(StoredCase was, StoredCase now) {
        return db.write("the case could not be changed", conn -> {
            try (PreparedStatement s = conn.prepareStatement("update rectification_case set state = ?, claimed = ?,"
                    + " closed_at = ?, updated_at = ?, last_inspected_at = ?, version = ?, open_key = ?"
                    + " where id = ? and version = ?")) {
                s.setString(1, now.state().name());
                s.setBoolean(2, now.claimed());
                s.setObject(3, utc(now.closedAt()));
                s.setObject(4, utc(now.updatedAt()));
                s.setObject(5, utc(now.lastInspectedAt()));
                s.setInt(6, now.version());
                s.setString(7, now.state().isOpen() ? openKey(now) : null);
                s.setString(8, was.id());
                s.setInt(9, was.version());
                return s.executeUpdate() == 1;
            }
        });
    }

    void addReply(String caseId, StoredCase.Reply r) {
        db.write("the reply could not be stored", conn -> {
            try (PreparedStatement s = conn.prepareStatement("insert into case_reply (case_id, seq, replied_at, replied_by,"
                    + " note, rectified, evidence) values (?,?,?,?,?,?,?)")) {
                s.setString(1, caseId);
                s.setInt(2, r.seq());
                s.setObject(3, utc(r.at()));
                s.setString(4, r.by());
                s.setString(5, r.note());
                s.setString(6, write(r.rectified()));
                s.setString(7, write(r.evidence()));
                return s.executeUpdate();
            }
        });
    }

    void addStep(String caseId, StoredCase.Step step) {
        db.write("the case could not be stored", conn -> {
            try (PreparedStatement s = conn.prepareStatement("insert into case_evaluation (case_id, seq, evaluation_id,"
                    + " inspected_at, inspected_at_text, outcome) values (?,?,?,?,?,?)")) {
                s.setString(1, caseId);
                s.setInt(2, step.seq());
                s.setString(3, step.evaluationId());
                s.setObject(4, utc(step.inspectedAt()));
                s.setString(5, ISO_OFFSET_DATE_TIME.format(step.inspectedAt()));
                s.setString(6, step.outcome().name());
                return s.executeUpdate();
            }
        });
    }

    public Optional<StoredCase> find(String id) {
        return query("select " + COLUMNS + " from rectification_case where id = ?", List.of(id)).stream().findFirst();
    }

    /**
     * A subject's open orders' cases ordered before {@code before}, oldest order first: what a follow-up then verifies.
     * An alarm's case is not an order and is not among them.
     */
    public List<StoredCase> openBefore(String subjectId, OffsetDateTime before) {
        return query("select " + COLUMNS + " from rectification_case where subject_id = ? and state <> 'CLOSED'"
                + " and origin <> 'ALARM' and ordered_at < ? order by ordered_at, violation", List.of(subjectId, utc(before)));
    }

    /** A subject's open cases, whatever their date. */
    public List<StoredCase> open(String subjectId) {
        return query("select " + COLUMNS + " from rectification_case where subject_id = ? and state <> 'CLOSED'"
                + " order by ordered_at, violation", List.of(subjectId));
    }

    public List<StoredCase.Reply> replies(String caseId) {
        return db.read("the replies could not be read", conn -> {
            try (PreparedStatement s = conn.prepareStatement("select seq, replied_at, replied_by, note, rectified, evidence"
                    + " from case_reply where case_id = ? order by seq")) {
                s.setString(1, caseId);
                List<StoredCase.Reply> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredCase.Reply(r.getInt(1), r.getObject(2, OffsetDateTime.class), r.getString(3),
                                r.getString(4), read(r.getString(5)), read(r.getString(6))));
                    }
                }
                return out;
            }
        });
    }

    public List<StoredCase.Step> steps(String caseId) {
        return db.read("the case could not be read", conn -> {
            try (PreparedStatement s = conn.prepareStatement("select seq, evaluation_id, inspected_at_text, outcome"
                    + " from case_evaluation where case_id = ? order by seq")) {
                s.setString(1, caseId);
                List<StoredCase.Step> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredCase.Step(r.getInt(1), r.getString(2), OffsetDateTime.parse(r.getString(3)),
                                CaseOutcome.valueOf(r.getString(4))));
                    }
                }
                return out;
            }
        });
    }

    /** A page of the cases the filter asks for, the most urgent first: earliest deadline, then earliest order. */
    public Page list(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" from rectification_case where 1 = 1");
        List<Object> args = new ArrayList<>();
        in(where, args, "jurisdiction", f.jurisdictions());
        in(where, args, "subject_id", f.subjects());
        if (f.subject() != null) {
            where.append(" and subject_id = ?");
            args.add(f.subject());
        }
        if (f.state() != null) {
            where.append(" and state = ?");
            args.add(f.state().name());
        }
        if (f.open() != null) {
            where.append(f.open() ? " and state <> 'CLOSED'" : " and state = 'CLOSED'");
        }
        if (f.claimed() != null) {
            where.append(" and claimed = ?");
            args.add(f.claimed());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and state <> 'CLOSED' and deadline < ?"
                    : " and (state = 'CLOSED' or deadline is null or deadline >= ?)");
            args.add(utc(OffsetDateTime.ofInstant(f.now(), ZoneOffset.UTC)));
        }
        List<StoredCase> items = query("select " + COLUMNS + where + " order by deadline, ordered_at, id limit " + size
                + " offset " + ((long) page * size), args);
        long total = db.read("the cases could not be read", conn -> {
            try (PreparedStatement s = conn.prepareStatement("select count(*)" + where)) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        return new Page(total, items);
    }

    /** Cases past their deadline at {@code now} with no overdue notice yet, earliest deadline first. */
    List<StoredCase> newlyOverdue(Instant now, int limit) {
        return query("select " + COLUMNS + " from rectification_case where state <> 'CLOSED'"
                + " and overdue_noticed = false and deadline < ? order by deadline limit " + limit,
                List.of(utc(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))));
    }

    /** Claims a case's overdue notice: true for the one caller whose update marks it, so no case is noticed twice. */
    boolean claimOverdue(String id, Instant now) {
        return db.write("the case could not be changed", conn -> {
            try (PreparedStatement s = conn.prepareStatement(
                    "update rectification_case set overdue_noticed = true where id = ? and overdue_noticed = false"
                            + " and state <> 'CLOSED' and deadline < ?")) {
                s.setString(1, id);
                s.setObject(2, utc(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * Claims the one-time filling of cases from the evaluations kept before cases existed: true once, for the
     * caller whose insert of the marker succeeds (in its transaction; a second instance waits, then fails).
     */
    boolean claimBackfill(OffsetDateTime at) {
        return db.write("the cases could not be prepared", conn -> {
            try (PreparedStatement check = conn.prepareStatement("select count(*) from case_backfill");
                 ResultSet r = check.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                    return false;
                }
            }
            try (PreparedStatement s = conn.prepareStatement("insert into case_backfill (id, done_at) values (1, ?)")) {
                s.setObject(1, utc(at));
                return s.executeUpdate() == 1;
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private static void in(StringBuilder where, List<Object> args, String column, Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        where.append(" and ").append(column).append(" in (")
                .append(String.join(",", Collections.nCopies(values.size(), "?"))).append(")");
        args.addAll(new TreeSet<>(values));
    }

    private List<StoredCase> query(String sql, List<Object> args) {
        return db.read("the cases could not be read", conn -> {
            try (PreparedStatement s = conn.prepareStatement(sql)) {
                bind(s, args);
                List<StoredCase> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
                return out;
            }
        });
    }

    private static StoredCase row(ResultSet r) throws SQLException {
        String deadline = r.getString(12);
        return new StoredCase(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                OffsetDateTime.parse(r.getString(11)), deadline == null ? null : OffsetDateTime.parse(deadline),
                r.getLong(13), CaseState.valueOf(r.getString(14)), r.getBoolean(15), r.getObject(16, OffsetDateTime.class),
                r.getObject(17, OffsetDateTime.class), r.getObject(18, OffsetDateTime.class), r.getInt(19), r.getString(20));
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return List.copyOf(json.readValue(text, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not readable JSON", e);
        }
    }
}
