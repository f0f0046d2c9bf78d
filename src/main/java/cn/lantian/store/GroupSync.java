package cn.lantian.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Group commit: a committed write is durable once a sync of the database file that began after its commit
 * has ended, and one sync serves every write committed before it began. One thread of its own runs the
 * syncs: it takes every write waiting, syncs, completes them all, and takes those that committed
 * meanwhile. A caller waits on the future it is given, or goes on to other work: with a disk that takes
 * milliseconds to sync, the service's few worker threads keep deciding while the disk works.
 */
final class GroupSync {
    private static final Logger LOG = Logger.getLogger(GroupSync.class);

    /** Makes durable every write committed before it was called. */
    @FunctionalInterface
    interface Sync {
        void run();
    }

    private final Sync sync;
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private Thread syncer;
    private boolean stopped;
    private long writes;
    private long syncs;
    private long syncNanos;

    GroupSync(Sync sync) {
        this.sync = sync;
    }

    /** Called after a write's commit: completes once the write is durable, or with what the sync threw. */
    CompletableFuture<Void> durable() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (stopped) {
                done.completeExceptionally(new StoreUnavailableException("the store is shutting down", null));
                return done;
            }
            writes++;
            waiting.add(done);
            if (syncer == null) {
                syncer = new Thread(this::run, "lantian-group-sync");
                syncer.setDaemon(true);
                syncer.start();
            }
            notifyAll();
        }
        return done;
    }

    private void run() {
        while (true) {
            List<CompletableFuture<Void>> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        stopped = true;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            // Every write in the batch committed before it was added, so before this sync begins.
            try {
                long start = System.nanoTime();
                sync.run();
                long took = System.nanoTime() - start;
                synchronized (this) {
                    syncs++;
                    syncNanos += took;
                }
                batch.forEach(f -> f.complete(null));
            } catch (RuntimeException | Error e) {
                LOG.error("the database file could not be synced", e);
                batch.forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    /** Ends the syncer once the writes already waiting are synced. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    synchronized long writes() {
        return writes;
    }

    synchronized long syncs() {
        return syncs;
    }

    /** The time the syncs took, in all. */
    synchronized long syncNanos() {
        return syncNanos;
    }
}
