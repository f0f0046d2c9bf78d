package cn.lantian.store;

/**
 * Group commit: each committed write waits until a sync of the database file that began after its commit
 * has ended; one sync serves every write committed before it began. The first writer to find no sync
 * running runs one itself (the leader); writers that commit while it runs wait for the next, which one of
 * them leads. On a two-core machine with a disk that takes milliseconds to sync, a few requests share
 * each sync instead of queueing behind one sync each.
 */
final class GroupSync {
    /** Makes durable every write committed before it was called. */
    @FunctionalInterface
    interface Sync {
        void run();
    }

    private final Sync sync;
    /** Writes committed so far: a write's ticket is its place in this count. */
    private long committed;
    /** Every ticket up to this one is durable. */
    private long durable;
    private boolean syncing;
    private long syncs;

    GroupSync(Sync sync) {
        this.sync = sync;
    }

    /** Called after a write's commit: returns once it is durable, or throws what the sync threw. */
    void awaitDurable() {
        long ticket;
        synchronized (this) {
            ticket = ++committed;
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (syncing && durable < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreUnavailableException("interrupted while the record was written to the disk", e);
                    }
                }
                if (durable >= ticket) {
                    return;
                }
                // No sync running, and none that began after this commit has ended: lead one. It covers
                // every write committed until now.
                syncing = true;
                upTo = committed;
            }
            boolean done = false;
            try {
                sync.run();
                done = true;
            } finally {
                synchronized (this) {
                    syncing = false;
                    if (done) {
                        durable = Math.max(durable, upTo);
                        syncs++;
                    }
                    notifyAll();
                }
            }
        }
    }

    synchronized long tickets() {
        return committed;
    }

    synchronized long syncs() {
        return syncs;
    }
}
