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
import java.util.List;
import java.util.UUID;

/**
 * The audit trail (contract section 7): every change of state, who made it, when and what, appended to
 * the store and never updated or deleted by the service. Actions are UPPER_SNAKE verbs
 * ({@code EVALUATION_RECORDED}, {@code ALERT_DECLARED}, {@code RULESET_ACTIVATED}, {@code USER_CREATED}, …);
 * the target names what was changed and the detail says how, as JSON.
 */
@ApplicationScoped
public class AuditLog {
    @Inject
    Database db;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    public record Event(String id, OffsetDateTime at, String user, String action, String target, JsonNode detail) {}

    /**
     * Appends an event: in the transaction open on this thread (see {@link Database#transaction}), or in
     * one of its own; durable when that returns.
     */
    public Event record(String user, String action, String target, Object detail) {
        return record(user, action, target, null, detail);
    }

    /** Appends an event of a change that belongs to a jurisdiction (an evaluation, an alert). */
    public Event record(String user, String action, String target, String jurisdiction, Object detail) {
        return db.write("the audit trail could not be written; nothing was changed",
                c -> record(c, user, action, target, jurisdiction, detail));
    }

    /** Appends an event on the caller's connection, so that it commits (or not) with the change it records. */
    public Event record(Connection c, String user, String action, String target, String jurisdiction, Object detail)
            throws SQLException {
        Event e = new Event(UUID.randomUUID().toString(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                user, action, target, json.valueToTree(detail));
        try (PreparedStatement s = c.prepareStatement(
                "insert into audit_event (id, at, username, action, target, detail, jurisdiction) values (?,?,?,?,?,?,?)")) {
            s.setString(1, e.id());
            s.setObject(2, e.at());
            s.setString(3, user);
            s.setString(4, action);
            s.setString(5, target == null ? null : target.substring(0, Math.min(target.length(), 300)));
            s.setString(6, e.detail().toString());
            s.setString(7, jurisdiction);
            s.executeUpdate();
        }
        return e;
    }

    /**
     * Events in [from, to) (either open), of one user when named, newest first, a page at a time; with
     * {@code jurisdictions} named, only the changes of those jurisdictions and the rules' activations.
     */
    public List<Event> find(OffsetDateTime from, OffsetDateTime to, String user, java.util.Set<String> jurisdictions,
                            int page, int size) {
        StringBuilder sql = new StringBuilder("select id, at, username, action, target, detail from audit_event where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" and at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" and at < ?");
            args.add(to);
        }
        if (user != null) {
            sql.append(" and username = ?");
            args.add(user);
        }
        if (!jurisdictions.isEmpty()) {
            sql.append(" and (action in ('RULESET_ACTIVATED', 'RULESET_ROLLED_BACK') or jurisdiction in (")
                    .append(String.join(",", java.util.Collections.nCopies(jurisdictions.size(), "?"))).append("))");
            args.addAll(new java.util.TreeSet<>(jurisdictions));
        }
        sql.append(" order by at desc, id limit ").append(size).append(" offset ").append((long) page * size);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Event> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Event(r.getString(1), r.getObject(2, OffsetDateTime.class), r.getString(3), r.getString(4),
                            r.getString(5), json.readTree(r.getString(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the audit trail could not be read", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event is not readable JSON", e);
        }
    }
}
