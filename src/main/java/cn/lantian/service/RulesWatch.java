package cn.lantian.service;

import cn.lantian.cluster.ClusterJobs;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.store.Database;
import cn.lantian.store.RulesetInstanceStore;
import cn.lantian.store.RulesetVersionStore;
import cn.lantian.store.StoreUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Every instance serves the active version, and they switch together. A thread of its own on every instance waits
 * for PostgreSQL's {@code NOTIFY} on {@link RulesetVersionStore#CHANNEL} or for {@code lantian.rules.watch} to pass
 * (H2, and a notice missed while the listening connection was down, converge too), then:
 * <ol>
 * <li>beats this instance's row ({@link RulesetInstanceStore}): the version it serves, the one it holds compiled
 * ahead, the one that would not compile here;</li>
 * <li>when an activation asks every instance to compile a version ahead ({@link #prepareEverywhere}, called by the
 * activating instance before it moves the active row), compiles it on a thread of its own, off the request path,
 * and keeps it ready;</li>
 * <li>when the store's active row names another version than the one serving, swaps in the compiled one at once
 * (one atomic swap, {@link ActiveRuleset#activate}: no request fails or waits, and each answer names the version
 * whose rules decided it); when it does not hold that version compiled (the row moved without asking ahead: an
 * older release, or a test writing the row behind its back), compiles it first, while the old rules answer.</li>
 * </ol>
 * The rules served before a switch stay compiled, so that a rollback to them is ready at once. A version that does
 * not compile here (a release whose code differs) is logged, beaten as failed (the activation is then refused), and
 * the rules serving stay. {@code lantian.rules.watch=off} stops the watch (an instance that is alone on its store).
 */
@ApplicationScoped
public class RulesWatch {
    private static final Logger LOG = Logger.getLogger(RulesWatch.class);

    @ConfigProperty(name = "lantian.rules.watch", defaultValue = "1S")
    String every;

    /** An instance not seen for this long is taken to be gone: no activation waits for it. */
    @ConfigProperty(name = "lantian.rules.instance-ttl", defaultValue = "10S")
    Duration instanceTtl;

    /** How long an activation waits for every other instance to compile its version before it switches anyway. */
    @ConfigProperty(name = "lantian.rules.prepare-wait", defaultValue = "120S")
    Duration prepareWait;

    @Inject
    ActiveRuleset rules;

    @Inject
    RulesetStartFromStore versions;

    @Inject
    RulesetVersionStore store;

    @Inject
    RulesetInstanceStore instances;

    @Inject
    ClusterJobs cluster;

    @Inject
    Database db;

    @Inject
    Clock clock;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection listening;
    private ExecutorService compiler;
    /** Rules compiled here and not serving: a version prepared ahead, or the one served before the last switch. */
    private volatile ActiveRuleset.Served spare;
    /** The version being compiled on the compiler's thread, if any. */
    private volatile Long compiling;
    /** The version that did not compile here: not tried again. */
    private volatile Long failedVersion;
    private volatile boolean storeDown;

    /** What asking every instance to compile a version ahead came to: who has it, who could not, who did not answer. */
    public record Readiness(List<String> ready, List<String> failed, List<String> late, long waitedMs) {
        public boolean refused() {
            return !failed.isEmpty();
        }
    }

    void start(@Observes StartupEvent event) {
        Optional<Duration> interval = interval(every);
        if (interval.isEmpty()) {
            LOG.info("lantian.rules.watch=off: this instance does not follow activations made on others");
            return;
        }
        compiler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lantian-rules-compile");
            t.setDaemon(true);
            return t;
        });
        running = true;
        Thread t = new Thread(() -> watch(interval.get()), "lantian-rules-watch");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            closeListening();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            compiler.shutdownNow();
            try {
                instances.leave(cluster.name());
            } catch (RuntimeException e) {
                LOG.debugf("this instance's row could not be removed (it runs out): %s", e.getMessage());
            }
        }
    }

    /** {@code 1S}, {@code 500ms}, {@code PT2S} or {@code off}; anything else stops the service at start. */
    static Optional<Duration> interval(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = io.quarkus.runtime.configuration.DurationConverter.parseDuration(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lantian.rules.watch is a duration (1S, 500ms) or off, not \"" + text + "\"");
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalStateException("lantian.rules.watch must be longer than zero, or off: " + text);
        }
        return Optional.of(d);
    }

    private void watch(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        while (running) {
            try {
                if (!waitForNotice(millis)) {
                    Thread.sleep(millis);
                }
                check();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the watch of the active rule version: %s", e.toString());
            }
        }
    }

    /**
     * Waits for an activation's notice at most {@code millis} on PostgreSQL; false when there is no listening
     * connection (H2, or PostgreSQL out of reach), and the caller sleeps instead.
     */
    private boolean waitForNotice(long millis) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Connection c = listening;
        try {
            if (c == null) {
                if (!db.postgres()) {
                    return false;
                }
                c = db.connect();
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + RulesetVersionStore.CHANNEL);
                }
                listening = c;
                LOG.debugf("listening on %s", RulesetVersionStore.CHANNEL);
            }
            var notices = c.unwrap(PGConnection.class).getNotifications((int) Math.min(millis, Integer.MAX_VALUE));
            if (notices != null && notices.length > 0) {
                LOG.debugf("notified: %s", notices[notices.length - 1].getParameter());
            }
            return true;
        } catch (SQLException | StoreUnavailableException e) {
            if (!running) {
                throw new InterruptedException();
            }
            closeListening();
            return false;
        }
    }

    private void closeListening() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("could not close the listening connection", e);
            }
        }
    }

    /**
     * One look: beats this instance's row, compiles ahead a version an activation asked for, and switches to the
     * store's active version when it is compiled here (else starts compiling it). Answers whether it switched.
     * Run by the watch's thread, and by the compiler's when a compile ends; public for a test that wants it now.
     */
    public synchronized boolean check() {
        Optional<RulesetVersionStore.Active> active;
        try {
            beat();
            instances.prepareRequest().ifPresent(p -> prepare(p.version()));
            active = store.active();
        } catch (StoreUnavailableException e) {
            if (!storeDown) {
                storeDown = true;
                LOG.warnf("the active rule version cannot be read (%s); the rules serving stay, and the watch tries "
                        + "again", e.getMessage());
            }
            return false;
        }
        if (storeDown) {
            storeDown = false;
            LOG.info("the active rule version can be read again");
        }
        if (active.isEmpty()) {
            return false;
        }
        RulesetVersionStore.Active row = active.get();
        ActiveRuleset.Served serving = rules.served();
        if (serving.version() != null && serving.version() == row.version()) {
            return false;
        }
        ActiveRuleset.Served ready = spare;
        if (ready == null || ready.version() == null || ready.version() != row.version()) {
            prepare(row.version());
            return false;
        }
        if (!rules.activate(serving, ready)) {
            // an activation on this instance came in between; the next look sees where the row stands
            return false;
        }
        spare = serving.version() == null ? null : serving;
        OffsetDateTime now = OffsetDateTime.now(clock);
        LOG.infof("switched to version %d (%s), activated by %s at %s (activation %d), %d ms after the activation",
                row.version(), ready.ruleset().version(), row.activatedBy(), row.activatedAt(), row.serial(),
                Duration.between(row.activatedAt(), now).toMillis());
        beatQuietly();
        return true;
    }

    /** Compiles {@code version} on the compiler's thread unless it serves, is held ready, is compiling or failed. */
    private void prepare(long version) {
        Long serving = rules.served().version();
        ActiveRuleset.Served ready = spare;
        if ((serving != null && serving == version) || (ready != null && ready.version() != null && ready.version() == version)
                || Long.valueOf(version).equals(compiling) || Long.valueOf(version).equals(failedVersion) || compiler == null) {
            return;
        }
        compiling = version;
        compiler.execute(() -> {
            long started = System.nanoTime();
            try {
                spare = versions.stored(version, rules.loader());
                LOG.infof("version %d compiled ahead in %d ms", version, (System.nanoTime() - started) / 1_000_000);
            } catch (RulesetException e) {
                failedVersion = version;
                LOG.errorf("version %d does not compile on this instance; version %s keeps serving: %s", version,
                        rules.served().version(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf("version %d could not be compiled ahead (tried again at the next look): %s", version, e.toString());
            } finally {
                compiling = null;
            }
            try {
                check();
            } catch (RuntimeException e) {
                LOG.warnf("the watch of the active rule version: %s", e.toString());
            }
        });
    }

    /** The activating instance has swapped in the new rules itself: the ones it served stay ready for a rollback. */
    public void switchedHere(ActiveRuleset.Served previous, long version) {
        if (previous.version() != null) {
            spare = previous;
        }
        clearQuietly(version);
        beatQuietly();
    }

    private void clearQuietly(long version) {
        try {
            instances.clearPrepare(version);
        } catch (RuntimeException e) {
            LOG.debugf("the request to prepare version %d stays (a start compiles it needlessly): %s", version, e.getMessage());
        }
    }

    private void beat() {
        ActiveRuleset.Served ready = spare;
        instances.beat(cluster.name(), OffsetDateTime.now(clock), rules.served().version(),
                ready == null ? null : ready.version(), failedVersion);
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.debugf("this instance's beat: %s", e.getMessage());
        }
    }

    /**
     * Called by the instance activating {@code version} (it holds it compiled already) before it moves the active
     * row: asks every other instance seen within {@code lantian.rules.instance-ttl} to compile it, and waits until
     * each has it ready or could not compile it, at most {@code lantian.rules.prepare-wait}. The activation then
     * moves the row, and every instance swaps at once; one that was late switches when its compile ends.
     */
    public Readiness prepareEverywhere(ActiveRuleset.Served candidate, String by) {
        long version = candidate.version();
        long started = System.nanoTime();
        if (compiler == null) {
            return new Readiness(List.of(), List.of(), List.of(), 0);
        }
        ActiveRuleset.Served held = spare;
        spare = candidate;
        instances.requestPrepare(version, by, OffsetDateTime.now(clock));
        String self = cluster.name();
        long deadline = started + prepareWait.toNanos();
        while (true) {
            List<String> ready = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> late = new ArrayList<>();
            for (RulesetInstanceStore.Instance i : instances.seenSince(OffsetDateTime.now(clock).minus(instanceTtl))) {
                if (i.id().equals(self)) {
                    continue;
                }
                (i.holds(version) ? ready : i.failedOn(version) ? failed : late).add(i.id());
            }
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (!failed.isEmpty()) {
                spare = held; // not activated: what was held ready stays so
                clearQuietly(version);
                return new Readiness(ready, failed, late, waited);
            }
            if (late.isEmpty() || System.nanoTime() >= deadline) {
                if (!late.isEmpty()) {
                    LOG.warnf("version %d: %s did not have it compiled within %s; it switches when its compile ends",
                            version, late, prepareWait);
                }
                return new Readiness(ready, failed, late, waited);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Readiness(ready, failed, late, waited);
            }
        }
    }
}
