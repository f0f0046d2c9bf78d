package cn.lantian.engine;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ruleset that serves requests, the stored rule version it is and that version's files. What serves first
 * is {@link RulesetStart}'s to say (README "Rule versions and the console"): a folder or stored version that
 * does not compile stops the service with the file, line and column at fault, rather than serve without rules.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    @ConfigProperty(name = "lantian.rules.dir", defaultValue = "rules")
    Path rulesDir;

    @ConfigProperty(name = "lantian.fixtures.dir", defaultValue = "fixtures")
    Path fixturesDir;

    @Inject
    java.time.Clock clock;

    @Inject
    RulesetStart startup;

    /**
     * What serves: the compiled rules, the stored version's number (null when the store was out of reach at
     * start-up), its rules files and its fixture files.
     */
    public record Served(Ruleset ruleset, Long version, Map<String, String> rules, Map<String, String> fixtures) {}

    private final AtomicReference<Served> current = new AtomicReference<>();

    /** Every ruleset put in service is announced (readiness and the ruleset gauge observe it). */
    @Inject
    jakarta.enterprise.event.Event<RulesetActivated> activated;

    private final Object activating = new Object();

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        Served served = startup.initial(rulesDir, fixturesDir, loader());
        current.set(served);
        Ruleset loaded = served.ruleset();
        LOG.infof("serving version %s: %d rules (%s) in %d ms", served.version(), loaded.rules().size(), loaded.version(),
                (System.nanoTime() - start) / 1_000_000);
        loaded.warnings().forEach(w -> LOG.warn(w.toString())); // a table read as GB18030 among them
        activated.fire(new RulesetActivated(loaded));
    }

    public Ruleset get() {
        return current.get().ruleset();
    }

    /** The rules serving, the version they are and its fixtures, read together. */
    public Served served() {
        return current.get();
    }

    /**
     * Puts {@code next} in service if {@code expected} is still what serves: two activations racing never
     * lose each other's check. Requests already running keep the ruleset they started with.
     */
    public boolean activate(Served expected, Served next) {
        // One activation at a time, announced before the next may swap: observers hear them in order.
        synchronized (activating) {
            boolean swapped = current.compareAndSet(expected, next);
            if (swapped) {
                LOG.infof("activated version %s: %s (%d rules), replacing version %s (%s)", next.version(),
                        next.ruleset().version(), next.ruleset().rules().size(), expected.version(), expected.ruleset().version());
                activated.fire(new RulesetActivated(next.ruleset()));
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
