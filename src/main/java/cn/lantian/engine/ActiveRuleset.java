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

    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        try {
            Ruleset loaded = new RulesetLoader().load(rulesDir);
            current.set(loaded);
            LOG.infof("loaded %d rules from %s (%s) in %d ms", loaded.rules().size(), rulesDir.toAbsolutePath(),
                    loaded.version(), (System.nanoTime() - start) / 1_000_000);
        } catch (RulesetException e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }

    public Ruleset get() {
        return current.get();
    }

    public Path rulesDir() {
        return rulesDir;
    }
}
