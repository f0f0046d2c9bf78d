package cn.lantian.store;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import cn.lantian.fact.AlertLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Heavy-pollution warnings declared per jurisdiction. At any moment the alert in force is the latest
 * declared one whose period covers it; an evaluation with no {@code alertLevel} is held to it.
 */
@ApplicationScoped
public class AlertRegistry {
    @Inject
    Database db;

    @Inject
    java.time.Clock clock;

    /** A declared alert: in force from {@code from} until {@code to} (open when absent). */
    public record Alert(String id, String jurisdiction, AlertLevel level, OffsetDateTime from, OffsetDateTime to,
                        OffsetDateTime declaredAt) {}

    public Alert declare(String jurisdiction, AlertLevel level, OffsetDateTime from, OffsetDateTime to) {
        Alert alert = new Alert(UUID.randomUUID().toString(), jurisdiction, level, from, to,
                OffsetDateTime.now(clock));
        return db.write("the alert could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into alert (id, jurisdiction, level, valid_from, valid_to, declared_at, valid_from_text, valid_to_text)"
                            + " values (?,?,?,?,?,?,?,?)")) {
                s.setString(1, alert.id());
                s.setString(2, jurisdiction);
                s.setString(3, level.name());
                s.setObject(4, from);
                s.setObject(5, to);
                s.setObject(6, alert.declaredAt());
                s.setString(7, ISO_OFFSET_DATE_TIME.format(from));
                s.setString(8, to == null ? null : ISO_OFFSET_DATE_TIME.format(to));
                s.executeUpdate();
                return alert;
            }
        });
    }

    /** Every alert of the jurisdiction, the latest declared first. */
    public List<Alert> of(String jurisdiction) {
        return db.read("the alerts could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select id, jurisdiction, level, valid_from_text, valid_to_text, declared_at from alert where jurisdiction = ?"
                            + " order by declared_at desc")) {
                s.setString(1, jurisdiction);
                List<Alert> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Alert(r.getString(1), r.getString(2), AlertLevel.valueOf(r.getString(3)),
                                OffsetDateTime.parse(r.getString(4)), r.getString(5) == null ? null : OffsetDateTime.parse(r.getString(5)),
                                r.getObject(6, OffsetDateTime.class)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Ends an alert of the jurisdiction at {@code at}: its period is cut there. Empty when there is no such
     * alert; the alert unchanged when it had already ended by then (the caller says so).
     */
    public Optional<Alert> lift(String jurisdiction, String id, OffsetDateTime at) {
        Optional<Alert> found = of(jurisdiction).stream().filter(a -> a.id().equals(id)).findFirst();
        if (found.isEmpty() || (found.get().to() != null && !found.get().to().isAfter(at))) {
            return found;
        }
        OffsetDateTime to = at.isBefore(found.get().from()) ? found.get().from() : at;
        return Optional.of(db.write("the alert could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update alert set valid_to = ?, valid_to_text = ? where id = ? and jurisdiction = ?")) {
                s.setObject(1, to);
                s.setString(2, ISO_OFFSET_DATE_TIME.format(to));
                s.setString(3, id);
                s.setString(4, jurisdiction);
                s.executeUpdate();
                Alert a = found.get();
                return new Alert(a.id(), a.jurisdiction(), a.level(), a.from(), to, a.declaredAt());
            }
        }));
    }

    /** The alert in force in the jurisdiction at that moment, if any. */
    public Optional<Alert> inForce(String jurisdiction, OffsetDateTime at) {
        return of(jurisdiction).stream()
                .filter(a -> !a.from().isAfter(at) && (a.to() == null || a.to().isAfter(at)))
                .findFirst();
    }
}
