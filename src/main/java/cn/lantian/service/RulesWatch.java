package cn.lantian.service;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.store.Database;
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
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Every instance serves the active version: when another instance activates or rolls back a version (the store's
 * {@code ruleset_active} row moves on), this one switches to it. A thread of its own waits for PostgreSQL's
 * {@code NOTIFY} on {@link RulesetVersionStore#CHANNEL} (sent in the activation's transaction) or for
 * {@code lantian.rules.watch} to pass (a cheap read of the row: the embedded H2, and a notification missed while
 * the listening connection was down, converge too), then compares the row's version with the one serving. When
 * they differ it reads that version's files from the store and compiles them here, off the request path: the
 * rules serving keep answering while it compiles, and the switch is one atomic swap ({@link ActiveRuleset#activate}),
 * so no request fails or waits, and each answer names the version whose rules decided it. A version that does not
 * compile here (a release whose code differs) is logged and the rules serving stay; it is tried again only when the
 * row moves on. {@code lantian.rules.watch=off} stops the watch (an instance that is alone on its store).
 */
@ApplicationScoped
public class RulesWatch {
    private static final Logger LOG = Logger.getLogger(RulesWatch.class);

    @ConfigProperty(name = "lantian.rules.watch", defaultValue = "1S")
    String every;

    @Inject
    ActiveRuleset rules;

    @Inject
    RulesetStartFromStore versions;

    @Inject
    RulesetVersionStore store;

    @Inject
    Database db;

    @Inject
    Clock clock;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection listening;
    /** The serial of an activation whose version did not compile here: not tried again until the row moves on. */
    private volatile long failedSerial = -1;
    private volatile boolean storeDown;

    void start(@Observes StartupEvent event) {
        Optional<Duration> interval = interval(every);
        if (interval.isEmpty()) {
            LOG.info("lantian.rules.watch=off: this instance does not follow activations made on others");
            return;
        }
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
                LOG.debugf("notified of activation %s", notices[notices.length - 1].getParameter());
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
     * Compares the store's active version with the one serving and switches to it when they differ. Answers
     * whether it switched. Run by the watch's thread; public for a test that wants it now.
     */
    public synchronized boolean check() {
        Optional<RulesetVersionStore.Active> active;
        try {
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
        if (row.serial() == failedSerial) {
            return false;
        }
        long started = System.nanoTime();
        ActiveRuleset.Served next;
        try {
            next = versions.stored(row.version(), rules.loader());
        } catch (RulesetException e) {
            failedSerial = row.serial();
            LOG.errorf("version %d, activated by %s at %s, does not compile on this instance; version %s keeps serving: %s",
                    row.version(), row.activatedBy(), row.activatedAt(), serving.version(), e.getMessage());
            return false;
        }
        long compiled = (System.nanoTime() - started) / 1_000_000;
        if (!rules.activate(serving, next)) {
            // an activation on this instance came in between; the next look sees where the row stands
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        LOG.infof("switched to version %d (%s), activated by %s at %s (activation %d): compiled in %d ms, %d ms after "
                        + "the activation", row.version(), next.ruleset().version(), row.activatedBy(), row.activatedAt(),
                row.serial(), compiled, Duration.between(row.activatedAt(), now).toMillis());
        return true;
    }
}
