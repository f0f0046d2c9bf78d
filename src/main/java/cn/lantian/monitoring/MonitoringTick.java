package cn.lantian.monitoring;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Moves the stream rules' clock every {@code lantian.monitoring.tick} although no reading arrives: an hour falls due
 * 15 minutes after its end, a silent monitor is found offline. One instance at a time, under the job's lease.
 */
@ApplicationScoped
public class MonitoringTick {
    private static final Logger LOG = Logger.getLogger(MonitoringTick.class);

    @Inject
    Monitoring monitoring;

    @Scheduled(identity = "lantian-monitoring-tick", every = "${lantian.monitoring.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = cn.lantian.cluster.ClusterJobs.class)
    void tick() {
        try {
            int n = monitoring.tick().size();
            if (n > 0) {
                LOG.infof("%d monitoring alarms raised or updated by the clock", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("the monitoring clock could not move; the next tick tries again", e);
        }
    }
}
