package cn.lantian.cluster;

import cn.lantian.store.JobLeaseStore;
import cn.lantian.store.LeaseHolder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Scheduled jobs run on one instance at a time across every instance sharing the store: each {@code @Scheduled}
 * job names this predicate ({@code skipExecutionIf = ClusterJobs.class}), which lets a run go ahead only when this
 * instance holds the job's lease (its scheduler identity: {@code lantian-notices}, {@code lantian-overdue-cases}),
 * taking it when it is free or has run out. A thread renews the held leases every third of {@code lantian.jobs.lease}
 * (between runs, and while a long run goes on); a stopping instance lets its leases go, and one that dies leaves them
 * to run out, after which another takes the job over at its next run. With the store out of reach no job runs here.
 * <p>
 * What a job does stays safe when a lease is lost mid-run (an instance paused longer than the lease): the notices
 * and the overdue cases are each claimed in the store before they are acted on, so two instances never both act on
 * one; the lease makes one instance do the rounds.
 */
@ApplicationScoped
public class ClusterJobs implements Scheduled.SkipPredicate {
    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);

    @ConfigProperty(name = "lantian.jobs.lease", defaultValue = "30S")
    Duration ttl;

    @ConfigProperty(name = "lantian.instance.id")
    Optional<String> configuredName;

    @Inject
    JobLeaseStore store;

    @Inject
    Clock clock;

    private LeaseHolder holder;
    private ScheduledExecutorService renewer;
    /** The jobs whose lease could not be read last time (logged once until it can again). */
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalStateException("lantian.jobs.lease must be 3 seconds or longer, not " + ttl);
        }
        holder = new LeaseHolder(store, configuredName.filter(n -> !n.isBlank()).orElseGet(ClusterJobs::defaultName),
                clock, ttl);
    }

    void start(@Observes StartupEvent event) {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lantian-job-leases");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, ttl.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("scheduled jobs run here while this instance (%s) holds their lease (%s)", holder.name(), ttl);
    }

    void stop(@Observes ShutdownEvent event) {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        try {
            holder.releaseAll();
        } catch (RuntimeException e) {
            LOG.debugf("the job leases could not be let go (they run out): %s", e.getMessage());
        }
    }

    /** The scheduler asks before each run: skipped unless this instance holds the job's lease. */
    @Override
    public boolean test(ScheduledExecution execution) {
        return !mayRun(execution.getTrigger().getId());
    }

    /** Whether this instance runs {@code job} now: the lease taken, renewed or taken over; false when another holds it. */
    public boolean mayRun(String job) {
        boolean had = holder.held().contains(job);
        try {
            boolean mine = holder.hold(job);
            if (unreachable.remove(job)) {
                LOG.infof("the lease of %s can be read again", job);
            }
            if (mine && !had) {
                LOG.infof("this instance (%s) runs %s", holder.name(), job);
            } else if (!mine && had) {
                LOG.infof("another instance runs %s now", job);
            }
            return mine;
        } catch (RuntimeException e) {
            if (unreachable.add(job)) {
                LOG.warnf("%s does not run here: its lease cannot be taken (%s)", job, e.getMessage());
            }
            return false;
        }
    }

    /** This instance's name in the leases. */
    public String name() {
        return holder.name();
    }

    private void renew() {
        try {
            for (String job : holder.renewAll()) {
                LOG.warnf("the lease of %s was taken over by another instance; it runs there now", job);
            }
        } catch (RuntimeException e) {
            LOG.debugf("the job leases could not be renewed: %s", e.getMessage());
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
