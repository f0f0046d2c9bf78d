package cn.lantian.cases;

import cn.lantian.store.CaseBook;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Notices each case once when it falls past its deadline with no passing follow-up (CASE_OVERDUE): every
 * {@code lantian.cases.overdue-check}, the cases newly overdue by the one clock are claimed one by one (an
 * instance claims a case only once, and two instances never both), each with its notice. Whether a case is
 * overdue is never stored: it is worked out whenever the case is read. {@code off} stops the check on an
 * instance.
 */
@ApplicationScoped
public class OverdueWatch {
    private static final Logger LOG = Logger.getLogger(OverdueWatch.class);
    static final int BATCH = 200;

    @Inject
    CaseBook book;

    @Inject
    cn.lantian.store.CaseBackfill backfill;

    @Scheduled(identity = "lantian-overdue-cases", every = "${lantian.cases.overdue-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // one instance at a time across the cluster: the one holding the job's lease
            skipExecutionIf = cn.lantian.cluster.ClusterJobs.class)
    void check() {
        try {
            backfill.ensure();
            int n;
            do {
                n = book.noticeOverdue(BATCH).size();
                if (n > 0) {
                    LOG.infof("%d rectification cases fell overdue", n);
                }
            } while (n == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("the overdue cases could not be checked; the next round tries again", e);
        }
    }
}
