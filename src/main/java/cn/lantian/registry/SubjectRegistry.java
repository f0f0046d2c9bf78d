package cn.lantian.registry;

import cn.lantian.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subject registry, and the list of subjects as the bureau sees it: every registered subject and every
 * subject inspected but never registered (from its evaluations), each with its latest evaluation. Lists are
 * worked out in SQL a page at a time; only the page's latest decisions are read whole.
 */
@ApplicationScoped
public class SubjectRegistry {
    private static final String COLUMNS = "id, kind, jurisdiction, name, credit_code, project_code, address,"
            + " legal_representative, builder, contractor, performance_grade, industry, created_at, updated_at";

    @Inject
    Database db;

    /** Creates or replaces the profile of {@code id}; its creation time stays. */
    public Profile put(String id, SubjectRequest r, OffsetDateTime now) {
        return db.transaction(() -> {
            Optional<Profile> was = find(id);
            Profile p = new Profile(id, r.kind().name(), r.jurisdiction(), r.name(), blank(r.creditCode()),
                    blank(r.projectCode()), blank(r.address()), blank(r.legalRepresentative()), blank(r.builder()),
                    blank(r.contractor()), r.performanceGrade() == null ? null : r.performanceGrade().name(),
                    blank(r.industry()), was.map(Profile::createdAt).orElse(now), now);
            db.write("the subject could not be stored", c -> {
                String sql = was.isPresent()
                        ? "update subject set kind = ?, jurisdiction = ?, name = ?, credit_code = ?, project_code = ?, address = ?,"
                                + " legal_representative = ?, builder = ?, contractor = ?, performance_grade = ?, industry = ?,"
                                + " created_at = ?, updated_at = ? where id = ?"
                        : "insert into subject (kind, jurisdiction, name, credit_code, project_code, address, legal_representative,"
                                + " builder, contractor, performance_grade, industry, created_at, updated_at, id)"
                                + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    Object[] values = {p.kind(), p.jurisdiction(), p.name(), p.creditCode(), p.projectCode(), p.address(),
                        p.legalRepresentative(), p.builder(), p.contractor(), p.performanceGrade(), p.industry(),
                        p.createdAt(), p.updatedAt(), p.id()};
                    for (int i = 0; i < values.length; i++) {
                        s.setObject(i + 1, values[i]);
                    }
                    return s.executeUpdate();
                }
            });
            return p;
        });
    }

    /** Every row or none: one transaction. */
    public int putAll(Map<String, SubjectRequest> rows, OffsetDateTime now) {
        return db.transaction(() -> {
            rows.forEach((id, r) -> put(id, r, now));
            return rows.size();
        });
    }

    public Optional<Profile> find(String id) {
        return db.read("the subjects could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from subject where id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(profile(r, 0)) : Optional.empty();
                }
            }
        });
    }

    /** A subject's latest evaluation, as the list shows it. */
    public record Latest(String evaluationId, String inspectedAt, boolean compliant) {}

    /** A subject of the list: its profile when registered, else what its evaluations say. */
    public record Row(String id, String kind, String jurisdiction, Profile profile, Latest latest) {}

    public record Rows(long total, List<Row> rows) {}

    /** The subjects ids that are registered or inspected, with the kind and jurisdiction the registry (or else the latest evaluation) gives. */
    private static final String UNIVERSE = "select ids.id as sid, coalesce(s.kind, l.subject_kind) as skind,"
            + " coalesce(s.jurisdiction, l.jurisdiction) as sjur, l.id as eid, l.inspected_at_text as eat, l.compliant as ecomp"
            + " from (select id from subject union select subject_id from evaluation) ids"
            + " left join subject s on s.id = ids.id"
            + " left join (select subject_id, id, inspected_at_text, compliant, subject_kind, jurisdiction,"
            + " row_number() over (partition by subject_id order by inspected_at desc, recorded_at desc) as rn"
            + " from evaluation) l on l.subject_id = ids.id and l.rn = 1";

    /**
     * The subjects of these jurisdictions (all when empty) and kind (any when null), by id, a page at a time.
     */
    public Rows list(Set<String> jurisdictions, String kind, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(jurisdictions, kind, args);
        return db.read("the subjects could not be read", c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from (" + UNIVERSE + ") u" + where)) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<Row> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Map<String, Latest> latest = new LinkedHashMap<>();
            Map<String, String[]> kj = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("select sid, skind, sjur, eid, eat, ecomp from (" + UNIVERSE + ") u"
                    + where + " order by sid limit " + size + " offset " + ((long) page * size))) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String id = r.getString(1);
                        ids.add(id);
                        kj.put(id, new String[] {r.getString(2), r.getString(3)});
                        if (r.getString(4) != null) {
                            latest.put(id, new Latest(r.getString(4), r.getString(5), r.getBoolean(6)));
                        }
                    }
                }
            }
            Map<String, Profile> profiles = profiles(c, ids);
            for (String id : ids) {
                rows.add(new Row(id, kj.get(id)[0], kj.get(id)[1], profiles.get(id), latest.get(id)));
            }
            return new Rows(total, rows);
        });
    }

    /** How many subjects the list has for these jurisdictions (all when empty). */
    public long count(Set<String> jurisdictions) {
        List<Object> args = new ArrayList<>();
        String where = where(jurisdictions, null, args);
        return db.read("the subjects could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from (" + UNIVERSE + ") u" + where)) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** How many subjects the list has in each of these jurisdictions (all when empty). */
    public Map<String, Long> countByJurisdiction(Set<String> jurisdictions) {
        List<Object> args = new ArrayList<>();
        String where = where(jurisdictions, null, args);
        return db.read("the subjects could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select sjur, count(*) from (" + UNIVERSE + ") u" + where
                    + " group by sjur order by sjur")) {
                bind(s, args);
                Map<String, Long> out = new LinkedHashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    private static String where(Set<String> jurisdictions, String kind, List<Object> args) {
        StringBuilder w = new StringBuilder(" where 1 = 1");
        if (!jurisdictions.isEmpty()) {
            w.append(" and sjur in (").append(String.join(",", Collections.nCopies(jurisdictions.size(), "?"))).append(")");
            args.addAll(new TreeSet<>(jurisdictions));
        }
        if (kind != null) {
            w.append(" and skind = ?");
            args.add(kind);
        }
        return w.toString();
    }

    private Map<String, Profile> profiles(java.sql.Connection c, Collection<String> ids) throws SQLException {
        Map<String, Profile> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from subject where id in ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")")) {
            bind(s, new ArrayList<>(ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Profile p = profile(r, 0);
                    out.put(p.id(), p);
                }
            }
        }
        return out;
    }

    /** The decision and the request of each of these evaluations (a page's worth), by id. */
    public Map<String, String[]> decisions(Collection<String> evaluationIds) {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (evaluationIds.isEmpty()) {
            return out;
        }
        return db.read("the evaluations could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select id, decision, request from evaluation where id in ("
                    + String.join(",", Collections.nCopies(evaluationIds.size(), "?")) + ")")) {
                bind(s, new ArrayList<>(evaluationIds));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new String[] {r.getString(2), r.getString(3)});
                    }
                }
            }
            return out;
        });
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static Profile profile(ResultSet r, int o) throws SQLException {
        return new Profile(r.getString(o + 1), r.getString(o + 2), r.getString(o + 3), r.getString(o + 4), r.getString(o + 5),
                r.getString(o + 6), r.getString(o + 7), r.getString(o + 8), r.getString(o + 9), r.getString(o + 10),
                r.getString(o + 11), r.getString(o + 12), r.getObject(o + 13, OffsetDateTime.class),
                r.getObject(o + 14, OffsetDateTime.class));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
