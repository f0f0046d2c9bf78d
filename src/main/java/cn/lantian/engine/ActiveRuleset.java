package cn.lantian.engine;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ruleset that serves requests. Loaded from the rules folder at start-up: a folder that does not
 * compile stops the service with the file, line and column at fault, rather than serve without rules.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    @ConfigProperty(name = "lantian.rules.dir", defaultValue = "rules")
    Path rulesDir;

    @ConfigProperty(name = "lantian.fixtures.dir", defaultValue = "fixtures")
    Path fixturesDir;

    @jakarta.inject.Inject
    java.time.Clock clock;

    /** Every ruleset put in service is announced (readiness and the ruleset gauge observe it). */
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<RulesetActivated> activated;

    private final AtomicReference<Ruleset> current = new AtomicReference<>();
    private final Object activating = new Object();

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        try {
            Ruleset loaded = new RulesetLoader(clock).load(rulesDir);
            current.set(loaded);
            LOG.infof("loaded %d rules from %s (%s) in %d ms", loaded.rules().size(), rulesDir.toAbsolutePath(),
                    loaded.version(), (System.nanoTime() - start) / 1_000_000);
            loaded.warnings().forEach(w -> LOG.warn(w.toString())); // a table read as GB18030 among them
            activated.fire(new RulesetActivated(loaded));
        } catch (RulesetException e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }

    public Ruleset get() {
        return current.get();
    }

    /**
     * Puts {@code next} in service if {@code expected} is still the one serving: two reloads racing
     * never lose each other's check. Requests already running keep the ruleset they started with.
     */
    public boolean activate(Ruleset expected, Ruleset next) {
        // One activation at a time, announced before the next may swap: observers hear them in order.
        synchronized (activating) {
            boolean swapped = current.compareAndSet(expected, next);
            if (swapped) {
                LOG.infof("activated %s (%d rules), replacing %s", next.version(), next.rules().size(), expected.version());
                activated.fire(new RulesetActivated(next));
            }
            return swapped;
        }
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** A loader for candidate rules, stamping them with the service's clock. */
    public RulesetLoader loader() {
        return new RulesetLoader(clock);
    }

    public Path fixturesDir() {
        return fixturesDir;
    }
}
