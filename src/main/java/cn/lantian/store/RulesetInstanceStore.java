package cn.lantian.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instances sharing the store, as far as switching rule versions goes (migration V16): each one's beat (the
 * version it serves, the one it has compiled ahead, the one that failed to compile there) and the one request to
 * compile a version ahead of its activation. Each call is one short statement or two; the times are the caller's
 * (its injected clock).
 */
@ApplicationScoped
public class RulesetInstanceStore {
    @Inject
    Database db;

    /** One instance's row: when it was last seen, and the versions it serves, holds compiled, and could not compile. */
    public record Instance(String id, OffsetDateTime seenAt, Long serving, Long prepared, Long failed) {
        /** Whether this instance holds {@code version} compiled (serving it or prepared). */
        public boolean holds(long version) {
            return (serving != null && serving == version) || (prepared != null && prepared == version);
        }

        public boolean failedOn(long version) {
            return failed != null && failed == version;
        }
    }

    /** The request to compile a version ahead of its activation. */
    public record PrepareRequest(long version, OffsetDateTime requestedAt, String requestedBy) {}

    /** This instance's beat. */
    public void beat(String instance, OffsetDateTime now, Long serving, Long prepared, Long failed) {
        OffsetDateTime at = now.withOffsetSameInstant(ZoneOffset.UTC);
        db.write("this instance's beat could not be kept", c -> {
            try (PreparedStatement s = c.prepareStatement("update ruleset_instance set seen_at = ?, serving_version = ?, "
                    + "prepared_version = ?, failed_version = ? where instance_id = ?")) {
                bind(s, at, serving, prepared, failed);
                s.setString(5, instance);
                if (s.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into ruleset_instance (seen_at, serving_version, "
                    + "prepared_version, failed_version, instance_id) values (?, ?, ?, ?, ?) on conflict do nothing")) {
                bind(s, at, serving, prepared, failed);
                s.setString(5, instance);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement s, OffsetDateTime at, Long serving, Long prepared, Long failed)
            throws SQLException {
        s.setObject(1, at);
        bindLong(s, 2, serving);
        bindLong(s, 3, prepared);
        bindLong(s, 4, failed);
    }

    private static void bindLong(PreparedStatement s, int i, Long value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, value);
        }
    }

    /** A stopping instance's row goes, so that no activation waits for it. */
    public void leave(String instance) {
        db.write("this instance's row could not be removed", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from ruleset_instance where instance_id = ?")) {
                s.setString(1, instance);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The instances seen at or after {@code since}. */
    public List<Instance> seenSince(OffsetDateTime since) {
        return db.read("the instances could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select instance_id, seen_at, serving_version, prepared_version, "
                    + "failed_version from ruleset_instance where seen_at >= ? order by instance_id")) {
                s.setObject(1, since.withOffsetSameInstant(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    List<Instance> out = new ArrayList<>();
                    while (r.next()) {
                        out.add(new Instance(r.getString(1), r.getObject(2, OffsetDateTime.class), nullable(r, 3),
                                nullable(r, 4), nullable(r, 5)));
                    }
                    return out;
                }
            }
        });
    }

    private static Long nullable(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    /** Asks every instance to compile {@code version} now: the one request row, and on PostgreSQL a notice. */
    public void requestPrepare(long version, String by, OffsetDateTime now) {
        OffsetDateTime at = now.withOffsetSameInstant(ZoneOffset.UTC);
        db.write("the request to prepare version " + version + " could not be kept", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update ruleset_prepare set version = ?, requested_at = ?, requested_by = ? where id = 1")) {
                s.setLong(1, version);
                s.setObject(2, at);
                s.setString(3, by);
                if (s.executeUpdate() == 0) {
                    try (PreparedStatement i = c.prepareStatement("insert into ruleset_prepare (id, version, requested_at, "
                            + "requested_by) values (1, ?, ?, ?)")) {
                        i.setLong(1, version);
                        i.setObject(2, at);
                        i.setString(3, by);
                        i.executeUpdate();
                    }
                }
            }
            if (db.postgres()) {
                try (PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
                    s.setString(1, RulesetVersionStore.CHANNEL);
                    s.setString(2, "prepare:" + version);
                    s.execute();
                }
            }
            return null;
        });
    }

    /** The request to compile {@code version} ahead is answered (activated or refused): no start compiles it again. */
    public void clearPrepare(long version) {
        db.write("the request to prepare version " + version + " could not be removed", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from ruleset_prepare where id = 1 and version = ?")) {
                s.setLong(1, version);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The latest request to compile a version ahead, if any. */
    public Optional<PrepareRequest> prepareRequest() {
        return db.read("the request to prepare a version could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select version, requested_at, requested_by from ruleset_prepare where id = 1");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new PrepareRequest(r.getLong(1), r.getObject(2, OffsetDateTime.class),
                        r.getString(3))) : Optional.empty();
            }
        });
    }
}
