package cn.lantian.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The online monitors' store (migration V14): monitors, their readings (one per device and instant), the counties'
 * hourly means and the alarms (one per device, day and code). A batch of readings is one transaction with one
 * read of what the device already sent in the batch's span and one batched insert, never a round trip per reading.
 */
@ApplicationScoped
public class MonitorStore {
    @Inject
    Database db;

    public record StoredMonitor(String id, String subjectId, String jurisdiction, String parameter, int intervalSeconds,
                                String name, String registeredBy, OffsetDateTime registeredAt, OffsetDateTime updatedAt) {}

    public record Reading(Instant at, double valueUgM3) {}

    public record DeviceReading(String device, Instant at, double valueUgM3) {}

    public record Background(String jurisdiction, Instant hourStart, double valueUgM3) {}

    public record StoredAlarm(String id, String deviceId, String subjectId, String jurisdiction, LocalDate day, String code,
                              OffsetDateTime raisedAt, OffsetDateTime updatedAt, String detail, String caseId,
                              Verification verification) {
        public StoredAlarm(String id, String deviceId, String subjectId, String jurisdiction, LocalDate day, String code,
                           OffsetDateTime raisedAt, OffsetDateTime updatedAt, String detail, String caseId) {
            this(id, deviceId, subjectId, jurisdiction, day, code, raisedAt, updatedAt, detail, caseId, null);
        }

        /** OPEN until an inspector verifies it, then CONFIRMED or DISMISSED. */
        public String state() {
            return verification == null ? OPEN : verification.state();
        }
    }

    /** An alarm not verified yet. */
    public static final String OPEN = "OPEN";

    /** An inspector's verification of an alarm: CONFIRMED with the evaluation it was recorded in, or DISMISSED with a note. */
    public record Verification(String state, String evaluationId, String verifiedBy, OffsetDateTime verifiedAt, String note) {}

    /** Registers or changes a monitor; the time it was first registered stays. */
    public StoredMonitor putMonitor(StoredMonitor m) {
        return db.write("the monitor could not be stored", c -> {
            Optional<StoredMonitor> was = monitor(m.id());
            StoredMonitor kept = was.map(w -> new StoredMonitor(m.id(), m.subjectId(), m.jurisdiction(), m.parameter(),
                    m.intervalSeconds(), m.name(), w.registeredBy(), w.registeredAt(), m.updatedAt())).orElse(m);
            String sql = was.isPresent()
                    ? "update monitor set subject_id = ?, jurisdiction = ?, parameter = ?, interval_seconds = ?, name = ?,"
                      + " registered_by = ?, registered_at = ?, updated_at = ? where id = ?"
                    : "insert into monitor (subject_id, jurisdiction, parameter, interval_seconds, name, registered_by,"
                      + " registered_at, updated_at, id) values (?,?,?,?,?,?,?,?,?)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, kept.subjectId());
                s.setString(2, kept.jurisdiction());
                s.setString(3, kept.parameter());
                s.setInt(4, kept.intervalSeconds());
                s.setString(5, kept.name());
                s.setString(6, kept.registeredBy());
                s.setObject(7, utc(kept.registeredAt()));
                s.setObject(8, utc(kept.updatedAt()));
                s.setString(9, kept.id());
                s.executeUpdate();
            }
            return kept;
        });
    }

    public Optional<StoredMonitor> monitor(String id) {
        return monitors("where id = ?", List.of(id)).stream().findFirst();
    }

    /** The monitors of these jurisdictions (null: all), by id. */
    public List<StoredMonitor> monitors(Collection<String> jurisdictions) {
        if (jurisdictions == null) {
            return monitors("", List.of());
        }
        if (jurisdictions.isEmpty()) {
            return List.of();
        }
        return monitors("where jurisdiction in (" + String.join(",", jurisdictions.stream().map(j -> "?").toList()) + ")",
                List.copyOf(jurisdictions));
    }

    private List<StoredMonitor> monitors(String where, List<Object> args) {
        return db.read("the monitors could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select id, subject_id, jurisdiction, parameter, interval_seconds, name,"
                    + " registered_by, registered_at, updated_at from monitor " + where + " order by id")) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<StoredMonitor> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredMonitor(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                                r.getString(6), r.getString(7), r.getObject(8, OffsetDateTime.class),
                                r.getObject(9, OffsetDateTime.class)));
                    }
                }
                return out;
            }
        });
    }

    /** What the device already sent between two instants (both included), by instant. */
    public Map<Instant, Double> readings(String device, Instant from, Instant to) {
        return db.read("the readings could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select at, value_ug_m3 from monitor_reading where device_id = ? and at >= ? and at <= ?")) {
                s.setString(1, device);
                s.setObject(2, from.atOffset(ZoneOffset.UTC));
                s.setObject(3, to.atOffset(ZoneOffset.UTC));
                Map<Instant, Double> out = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getObject(1, OffsetDateTime.class).toInstant(), r.getDouble(2));
                    }
                }
                return out;
            }
        });
    }

    /** The device's first reading after {@code t}, if it sent one. */
    public Optional<Reading> firstReadingAfter(String device, Instant t) {
        return db.read("the readings could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select at, value_ug_m3 from monitor_reading where device_id = ? and at > ? order by at limit 1")) {
                s.setString(1, device);
                s.setObject(2, t.atOffset(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Reading(r.getObject(1, OffsetDateTime.class).toInstant(), r.getDouble(2)))
                            : Optional.<Reading>empty();
                }
            }
        });
    }

    /** Inserts new readings in one batch (the caller has left out those already kept). */
    public void addReadings(String device, List<Reading> fresh, Instant receivedAt) {
        if (fresh.isEmpty()) {
            return;
        }
        db.write("the readings could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into monitor_reading (device_id, at, value_ug_m3, received_at) values (?,?,?,?)")) {
                OffsetDateTime received = receivedAt.atOffset(ZoneOffset.UTC);
                for (Reading r : fresh) {
                    s.setString(1, device);
                    s.setObject(2, r.at().atOffset(ZoneOffset.UTC));
                    s.setDouble(3, r.valueUgM3());
                    s.setObject(4, received);
                    s.addBatch();
                }
                s.executeBatch();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState()) || e.getNextException() != null && "23505".equals(e.getNextException().getSQLState())) {
                    throw new StoreConflictException("another batch of this monitor with the same times was kept meanwhile; send it again");
                }
                throw e;
            }
            return null;
        });
    }

    /** Every reading since {@code from}, oldest first: what rebuilds the judging after a restart. */
    public List<DeviceReading> readingsSince(Instant from) {
        return db.read("the readings could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select device_id, at, value_ug_m3 from monitor_reading where at >= ? order by at, device_id")) {
                s.setObject(1, from.atOffset(ZoneOffset.UTC));
                List<DeviceReading> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new DeviceReading(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant(), r.getDouble(3)));
                    }
                }
                return out;
            }
        });
    }

    /** Keeps a county's hourly means, each replacing the one kept for its hour. */
    public void putBackgrounds(String jurisdiction, List<Background> means, String by, Instant at) {
        db.write("the county means could not be stored", c -> {
            try (PreparedStatement del = c.prepareStatement("delete from background_reading where jurisdiction = ? and hour_start = ?");
                 PreparedStatement ins = c.prepareStatement("insert into background_reading (jurisdiction, hour_start, value_ug_m3,"
                         + " uploaded_by, uploaded_at) values (?,?,?,?,?)")) {
                for (Background b : means) {
                    del.setString(1, jurisdiction);
                    del.setObject(2, b.hourStart().atOffset(ZoneOffset.UTC));
                    del.addBatch();
                    ins.setString(1, jurisdiction);
                    ins.setObject(2, b.hourStart().atOffset(ZoneOffset.UTC));
                    ins.setDouble(3, b.valueUgM3());
                    ins.setString(4, by);
                    ins.setObject(5, at.atOffset(ZoneOffset.UTC));
                    ins.addBatch();
                }
                del.executeBatch();
                ins.executeBatch();
            }
            return null;
        });
    }

    public List<Background> backgroundsSince(Instant from) {
        return db.read("the county means could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select jurisdiction, hour_start, value_ug_m3 from background_reading"
                    + " where hour_start >= ? order by hour_start, jurisdiction")) {
                s.setObject(1, from.atOffset(ZoneOffset.UTC));
                List<Background> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Background(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant(), r.getDouble(3)));
                    }
                }
                return out;
            }
        });
    }

    public Optional<StoredAlarm> alarm(String device, LocalDate day, String code) {
        return alarms("where device_id = ? and alarm_day = ? and code = ?", List.of(device, day, code), 1).stream().findFirst();
    }

    /** Keeps an alarm: new, or the one of its device, day and code with its detail brought up to date. */
    public StoredAlarm putAlarm(StoredAlarm a) {
        return db.write("the alarm could not be stored", c -> {
            Optional<StoredAlarm> was = alarm(a.deviceId(), a.day(), a.code());
            if (was.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("update monitoring_alarm set detail = ?, updated_at = ? where id = ?")) {
                    s.setString(1, a.detail());
                    s.setObject(2, utc(a.updatedAt()));
                    s.setString(3, was.get().id());
                    s.executeUpdate();
                }
                StoredAlarm w = was.get();
                return new StoredAlarm(w.id(), w.deviceId(), w.subjectId(), w.jurisdiction(), w.day(), w.code(), w.raisedAt(),
                        a.updatedAt(), a.detail(), w.caseId(), w.verification());
            }
            String id = a.id() == null ? UUID.randomUUID().toString() : a.id();
            try (PreparedStatement s = c.prepareStatement("insert into monitoring_alarm (id, device_id, subject_id, jurisdiction, alarm_day,"
                    + " code, raised_at, updated_at, detail, case_id) values (?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, id);
                s.setString(2, a.deviceId());
                s.setString(3, a.subjectId());
                s.setString(4, a.jurisdiction());
                s.setObject(5, a.day());
                s.setString(6, a.code());
                s.setObject(7, utc(a.raisedAt()));
                s.setObject(8, utc(a.updatedAt()));
                s.setString(9, a.detail());
                s.setString(10, a.caseId());
                s.executeUpdate();
            }
            return new StoredAlarm(id, a.deviceId(), a.subjectId(), a.jurisdiction(), a.day(), a.code(), a.raisedAt(),
                    a.updatedAt(), a.detail(), a.caseId());
        });
    }

    public Optional<StoredAlarm> alarm(String id) {
        return alarms("where id = ?", List.of(id), 1).stream().findFirst();
    }

    /** Keeps an inspector's verification of an alarm still OPEN: false when another came first. */
    public boolean verify(String alarmId, Verification v) {
        return db.write("the alarm could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement("update monitoring_alarm set state = ?, evaluation_id = ?, verified_by = ?,"
                    + " verified_at = ?, verification_note = ? where id = ? and state = 'OPEN'")) {
                s.setString(1, v.state());
                s.setString(2, v.evaluationId());
                s.setString(3, v.verifiedBy());
                s.setObject(4, utc(v.verifiedAt()));
                s.setString(5, v.note());
                s.setString(6, alarmId);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** How many alarms of a case are still OPEN. */
    public int unverified(String caseId) {
        return db.read("the alarms could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from monitoring_alarm where case_id = ? and state = 'OPEN'")) {
                s.setString(1, caseId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    public void setCase(String alarmId, String caseId) {
        db.write("the alarm could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement("update monitoring_alarm set case_id = ? where id = ?")) {
                s.setString(1, caseId);
                s.setString(2, alarmId);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Alarms of these jurisdictions (null: any) or of these subjects (null: any), of one subject when named, with a
     * day from {@code from} to {@code to} (both included, null: open), newest day first, at most {@code limit}.
     */
    public List<StoredAlarm> alarms(Set<String> jurisdictions, Set<String> subjects, String subject, String jurisdiction,
                                    LocalDate from, LocalDate to, int limit) {
        return alarms(jurisdictions, subjects, subject, jurisdiction, from, to, null, limit);
    }

    /** {@link #alarms(Set, Set, String, String, LocalDate, LocalDate, int)} in one state (null: any). */
    public List<StoredAlarm> alarms(Set<String> jurisdictions, Set<String> subjects, String subject, String jurisdiction,
                                    LocalDate from, LocalDate to, String state, int limit) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            where.append(" and state = ?");
            args.add(state);
        }
        if (jurisdictions != null) {
            if (jurisdictions.isEmpty()) {
                return List.of();
            }
            where.append(" and jurisdiction in (").append(String.join(",", jurisdictions.stream().map(j -> "?").toList())).append(")");
            args.addAll(jurisdictions);
        }
        if (subjects != null) {
            if (subjects.isEmpty()) {
                return List.of();
            }
            where.append(" and subject_id in (").append(String.join(",", subjects.stream().map(j -> "?").toList())).append(")");
            args.addAll(subjects);
        }
        if (subject != null) {
            where.append(" and subject_id = ?");
            args.add(subject);
        }
        if (jurisdiction != null) {
            where.append(" and jurisdiction = ?");
            args.add(jurisdiction);
        }
        if (from != null) {
            where.append(" and alarm_day >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" and alarm_day <= ?");
            args.add(to);
        }
        return alarms(where.toString(), args, limit);
    }

    private List<StoredAlarm> alarms(String where, List<Object> args, int limit) {
        return db.read("the alarms could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select id, device_id, subject_id, jurisdiction, alarm_day, code, raised_at,"
                    + " updated_at, detail, case_id, state, evaluation_id, verified_by, verified_at, verification_note"
                    + " from monitoring_alarm " + where + " order by alarm_day desc, raised_at desc, id"
                    + " limit " + limit)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<StoredAlarm> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String state = r.getString(11);
                        Verification v = OPEN.equals(state) ? null : new Verification(state, r.getString(12), r.getString(13),
                                r.getObject(14, OffsetDateTime.class), r.getString(15));
                        out.add(new StoredAlarm(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getObject(5, LocalDate.class), r.getString(6), r.getObject(7, OffsetDateTime.class),
                                r.getObject(8, OffsetDateTime.class), r.getString(9), r.getString(10), v));
                    }
                }
                return out;
            }
        });
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
