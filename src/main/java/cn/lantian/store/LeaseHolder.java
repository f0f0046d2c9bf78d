package cn.lantian.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance's side of the job leases: its name, its clock and the leases it holds. {@link #hold} is asked at
 * each run of a job (it takes or renews the lease: true, run; false, another instance has it); {@link #renewAll}
 * keeps the held ones alive between runs and while a long run goes on, dropping any another instance took over;
 * {@link #releaseAll} lets them go when the instance stops.
 */
public final class LeaseHolder {
    private final JobLeaseStore store;
    private final String name;
    private final Clock clock;
    private final Duration ttl;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public LeaseHolder(JobLeaseStore store, String name, Clock clock, Duration ttl) {
        this.store = store;
        this.name = name;
        this.clock = clock;
        this.ttl = ttl;
    }

    public String name() {
        return name;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Whether this instance may run {@code job} now: the lease taken, renewed or taken over. */
    public boolean hold(String job) {
        boolean mine = store.take(job, name, now(), ttl);
        if (mine) {
            held.add(job);
        } else {
            held.remove(job);
        }
        return mine;
    }

    /** Renews every lease held; answers the jobs whose lease another instance has taken over (no longer held). */
    public Set<String> renewAll() {
        Set<String> lost = new java.util.TreeSet<>();
        for (String job : held) {
            if (!store.renew(job, name, now(), ttl)) {
                held.remove(job);
                lost.add(job);
            }
        }
        return lost;
    }

    /** Lets every held lease go, so another instance takes the jobs over at once. */
    public void releaseAll() {
        for (String job : held) {
            store.release(job, name, now());
            held.remove(job);
        }
    }

    /** The jobs whose lease this holder has (as far as it knows: since its last hold or renewal). */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
