package cn.lantian.store;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluations kept whole, one row each, written in a single statement: all of it or nothing. */
@ApplicationScoped
public class EvaluationStore {
    private static final String COLUMNS = "id, subject_id, subject_kind, jurisdiction, inspected_at_text, recorded_at, "
            + "ruleset_version, compliant, request, inspection, decision, inspected_at, recorded_by";
    /** {@link #COLUMNS} without the request as sent (null in its place): what a walk that decides again reads. */
    private static final String WALK_COLUMNS = COLUMNS.replace("request,", "null as request,");

    @Inject
    Database db;

    /** Keeps an evaluation; durable once the transaction it is part of (or its own) returns. */
    public void save(StoredEvaluation e) {
        db.write("the evaluation could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into evaluation (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, e.id());
                s.setString(2, e.subjectId());
                s.setString(3, e.subjectKind());
                s.setString(4, e.jurisdiction());
                s.setString(5, ISO_OFFSET_DATE_TIME.format(e.inspectedAt()));
                s.setObject(6, e.recordedAt());
                s.setString(7, e.rulesetVersion());
                s.setBoolean(8, e.compliant());
                s.setString(9, e.request());
                s.setString(10, e.inspection());
                s.setString(11, e.decision());
                s.setObject(12, e.inspectedAt());
                s.setString(13, e.recordedBy());
                return s.executeUpdate();
            }
        });
    }

    public Optional<StoredEvaluation> find(String id) {
        List<StoredEvaluation> found = query("select " + COLUMNS + " from evaluation where id = ?", id);
        return found.stream().findFirst();
    }

    /** A page of a subject's evaluations and how many there are in all. */
    public record SubjectPage(long total, List<StoredEvaluation> evaluations) {}

    /**
     * A subject's evaluations, newest inspection first, one page at a time: those of the given
     * jurisdictions only, unless none is given.
     */
    public SubjectPage bySubject(String subjectId, java.util.Set<String> jurisdictions, int page, int size) {
        StringBuilder where = new StringBuilder(" from evaluation where subject_id = ?");
        List<Object> args = new ArrayList<>(List.of(subjectId));
        if (!jurisdictions.isEmpty()) {
            where.append(" and jurisdiction in (").append(String.join(",", java.util.Collections.nCopies(jurisdictions.size(), "?")))
                    .append(")");
            args.addAll(new java.util.TreeSet<>(jurisdictions));
        }
        List<StoredEvaluation> items = query("select " + COLUMNS + where + " order by inspected_at desc, recorded_at desc"
                + " limit " + size + " offset " + ((long) page * size), args.toArray());
        long total = db.read("the evaluations could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*)" + where)) {
                for (int k = 0; k < args.size(); k++) {
                    s.setObject(k + 1, args.get(k));
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        return new SubjectPage(total, items);
    }

    /** A subject's latest evaluation inspected before {@code before}: where its open order comes from. */
    public Optional<StoredEvaluation> latestBefore(String subjectId, OffsetDateTime before) {
        return query("select " + COLUMNS + " from evaluation where subject_id = ? and inspected_at < ?"
                + " order by inspected_at desc, recorded_at desc limit 1", subjectId, before).stream().findFirst();
    }

    /** Whether a kept evaluation of the subject was inspected after {@code at} (a record of {@code at} is entered late). */
    public boolean inspectedAfter(String subjectId, OffsetDateTime at) {
        return db.read("the evaluations could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from evaluation where subject_id = ? and inspected_at > ?")) {
                s.setString(1, subjectId);
                s.setObject(2, at);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1) > 0;
                }
            }
        });
    }

    /** The jurisdictions a subject's kept evaluations were recorded in (one, for a subject recorded honestly). */
    public java.util.Set<String> jurisdictionsOf(String subjectId) {
        return db.read("the evaluations could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select distinct jurisdiction from evaluation"
                    + " where subject_id = ? and jurisdiction is not null")) {
                s.setString(1, subjectId);
                java.util.Set<String> out = new java.util.TreeSet<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** How many of a subject's evaluations inspected in [from, to) found violations. */
    public int violationsBetween(String subjectId, OffsetDateTime from, OffsetDateTime to) {
        return db.read("the evaluations could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from evaluation"
                    + " where subject_id = ? and not compliant and inspected_at >= ? and inspected_at < ?")) {
                s.setString(1, subjectId);
                s.setObject(2, from);
                s.setObject(3, to);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** A subject's evaluations with violations inspected in [from, to), oldest first. */
    public List<StoredEvaluation> withViolationsBetween(String subjectId, OffsetDateTime from, OffsetDateTime to) {
        return query("select " + COLUMNS + " from evaluation where subject_id = ? and not compliant"
                + " and inspected_at >= ? and inspected_at < ? order by inspected_at", subjectId, from, to);
    }

    /** The latest evaluation of every subject of a jurisdiction. */
    public List<StoredEvaluation> latestPerSubject(String jurisdiction) {
        List<StoredEvaluation> all = query("select " + COLUMNS + " from evaluation where jurisdiction = ?"
                + " order by subject_id, inspected_at desc, recorded_at desc", jurisdiction);
        List<StoredEvaluation> latest = new ArrayList<>();
        for (StoredEvaluation e : all) {
            if (latest.isEmpty() || !latest.get(latest.size() - 1).subjectId().equals(e.subjectId())) {
                latest.add(e);
            }
        }
        return latest;
    }

    /**
     * The evaluations of a jurisdiction (every one's when it is null) after the id given, in id order, at most
     * {@code limit}: a walk over them all in pages, each page read on its own, so that memory holds one page. The request
     * as sent is not read (its {@code request} is null): a walk decides the inspection as kept, and the request is the
     * largest column.
     */
    public List<StoredEvaluation> pageAfter(String jurisdiction, String afterId, int limit) {
        String after = afterId == null ? "" : afterId;
        return jurisdiction == null
                ? query("select " + WALK_COLUMNS + " from evaluation where id > ? order by id fetch first " + limit + " rows only", after)
                // "order by jurisdiction, id" (one jurisdiction, so the same order as by id) is the order of the index
                // evaluation_by_jurisdiction_id, which H2 then reads as it stands instead of sorting every row of
                // the jurisdiction for each page (PostgreSQL takes either form from the index)
                : query("select " + WALK_COLUMNS + " from evaluation where jurisdiction = ? and id > ? order by jurisdiction, id"
                        + " fetch first " + limit + " rows only", jurisdiction, after);
    }

    /** How many evaluations a jurisdiction (every one, when null) has. */
    public long count(String jurisdiction) {
        return db.read("the evaluations could not be counted", c -> {
            try (PreparedStatement s = c.prepareStatement(jurisdiction == null ? "select count(*) from evaluation"
                    : "select count(*) from evaluation where jurisdiction = ?")) {
                if (jurisdiction != null) {
                    s.setString(1, jurisdiction);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** The latest evaluation of every subject, whatever its jurisdiction, by subject. */
    public List<StoredEvaluation> latestOfEverySubject() {
        List<StoredEvaluation> all = query("select " + COLUMNS + " from evaluation order by subject_id, inspected_at desc,"
                + " recorded_at desc");
        List<StoredEvaluation> latest = new ArrayList<>();
        for (StoredEvaluation e : all) {
            if (latest.isEmpty() || !latest.get(latest.size() - 1).subjectId().equals(e.subjectId())) {
                latest.add(e);
            }
        }
        return latest;
    }

    private List<StoredEvaluation> query(String sql, Object... args) {
        return db.read("the evaluations could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                List<StoredEvaluation> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredEvaluation(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                OffsetDateTime.parse(r.getString(5)), r.getObject(6, OffsetDateTime.class), r.getString(7),
                                r.getBoolean(8), r.getString(9), r.getString(10), r.getString(11), r.getString(13)));
                    }
                }
                return out;
            }
        });
    }
}
