package cn.lantian.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The scheduled jobs' leases (migration V13, table {@code job_lease}): one row per job naming the instance that
 * holds it and until when. Each call is one conditional statement, so two instances racing for a lease never both
 * get it, on H2 and PostgreSQL alike; the times are the caller's (its injected clock), compared as instants.
 */
@ApplicationScoped
public class JobLeaseStore {
    @Inject
    Database db;

    /** A job's lease as stored. */
    public record Lease(String job, String holder, OffsetDateTime takenAt, OffsetDateTime expiresAt) {}

    /**
     * Takes the job's lease for {@code holder} until {@code now + ttl}: when it has none yet, when this holder
     * has it already (a renewal), or when it ran out at or before {@code now} (a takeover). False when another
     * holder's lease still runs.
     */
    public boolean take(String job, String holder, OffsetDateTime now, Duration ttl) {
        OffsetDateTime at = utc(now);
        OffsetDateTime until = at.plus(ttl);
        return db.write("the job lease " + job + " could not be taken", c -> {
            try (PreparedStatement s = c.prepareStatement("update job_lease set taken_at = case when holder = ? then taken_at "
                    + "else ? end, holder = ?, expires_at = ? where job = ? and (holder = ? or expires_at <= ?)")) {
                s.setString(1, holder);
                s.setObject(2, at);
                s.setString(3, holder);
                s.setObject(4, until);
                s.setString(5, job);
                s.setString(6, holder);
                s.setObject(7, at);
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into job_lease (job, holder, taken_at, expires_at) "
                    + "values (?, ?, ?, ?) on conflict do nothing")) {
                s.setString(1, job);
                s.setString(2, holder);
                s.setObject(3, at);
                s.setObject(4, until);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Renews the lease this holder has: false when another holder took it over. */
    public boolean renew(String job, String holder, OffsetDateTime now, Duration ttl) {
        return db.write("the job lease " + job + " could not be renewed", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update job_lease set expires_at = ? where job = ? and holder = ?")) {
                s.setObject(1, utc(now).plus(ttl));
                s.setString(2, job);
                s.setString(3, holder);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Lets the lease go (it runs out at {@code now}) if this holder has it, so another takes it over at once. */
    public boolean release(String job, String holder, OffsetDateTime now) {
        return db.write("the job lease " + job + " could not be released", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update job_lease set expires_at = ? where job = ? and holder = ? and expires_at > ?")) {
                s.setObject(1, utc(now));
                s.setString(2, job);
                s.setString(3, holder);
                s.setObject(4, utc(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<Lease> find(String job) {
        return db.read("the job leases could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select job, holder, taken_at, expires_at from job_lease where job = ?")) {
                s.setString(1, job);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Lease(r.getString(1), r.getString(2),
                            r.getObject(3, OffsetDateTime.class), r.getObject(4, OffsetDateTime.class))) : Optional.empty();
                }
            }
        });
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
