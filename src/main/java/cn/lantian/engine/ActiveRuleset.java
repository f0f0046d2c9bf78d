package cn.lantian.engine;

import cn.lantian.audit.RulesetContent;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import cn.lantian.store.RulesetVersionStore;
import cn.lantian.store.StoreUnavailableException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ruleset that serves requests, and the stored version it is ({@link RulesetVersionStore}).
 *
 * <p>At start-up, with {@code lantian.rules.start=store} (the default): when the store keeps an active
 * version, that version's rules serve (and its fixtures are the ones compare and the activations test
 * against), whatever {@code rules/} holds on this machine, so that every instance serves the same; when the
 * store keeps none, the rules folder is loaded and kept as the first version (author {@code system}). With
 * {@code lantian.rules.start=folder} (development and the test suite) the folder is loaded every time and,
 * when it differs from the active version, kept as a version of its own (or the earlier version it equals)
 * and activated. A folder or stored version that does not compile stops the service with the file, line and
 * column at fault, rather than serve without rules. With the store out of reach the folder serves, and no
 * version is kept until a later activation.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);
    public static final String SYSTEM = "system";

    @ConfigProperty(name = "lantian.rules.dir", defaultValue = "rules")
    Path rulesDir;

    @ConfigProperty(name = "lantian.fixtures.dir", defaultValue = "fixtures")
    Path fixturesDir;

    /** {@code store} or {@code folder}: what a start-up serves when the store keeps versions. */
    @ConfigProperty(name = "lantian.rules.start", defaultValue = "store")
    String startFrom;

    @Inject
    java.time.Clock clock;

    @Inject
    RulesetVersionStore versions;

    @Inject
    Validator validator;

    /**
     * What serves: the compiled rules, the stored version's number (null when the store was out of reach at
     * start-up), its rules files and its fixture files.
     */
    public record Served(Ruleset ruleset, Long version, Map<String, String> rules, Map<String, String> fixtures) {}

    private final AtomicReference<Served> current = new AtomicReference<>();

    @PostConstruct
    void load() {
        if (!startFrom.equals("store") && !startFrom.equals("folder")) {
            throw new IllegalStateException("cannot start: lantian.rules.start is \"store\" or \"folder\", not \"" + startFrom + "\"");
        }
        long start = System.nanoTime();
        Served served;
        try {
            Optional<RulesetVersionStore.Active> active = versions.active();
            served = active.isPresent() && startFrom.equals("store") ? fromStore(active.get().version())
                    : fromFolder(active.map(RulesetVersionStore.Active::version).orElse(null));
        } catch (StoreUnavailableException e) {
            LOG.warnf("the rule versions cannot be read (%s): the rules folder %s serves, kept as a version at the next "
                    + "activation", e.getMessage(), rulesDir.toAbsolutePath());
            RuleFolder folder = readFolder();
            served = new Served(load(folder), null, folder.files(), folderFixtures());
        }
        current.set(served);
        Ruleset loaded = served.ruleset();
        LOG.infof("serving version %s: %d rules (%s) in %d ms", served.version(), loaded.rules().size(), loaded.version(),
                (System.nanoTime() - start) / 1_000_000);
        loaded.warnings().forEach(w -> LOG.warn(w.toString())); // a table read as GB18030 among them
    }

    private Served fromStore(long number) {
        Map<String, String> rules = versions.files(number, RulesetVersionStore.RULES);
        try {
            Ruleset loaded = loader().load(new RuleFolder(rules, List.of()));
            return new Served(loaded, number, rules, versions.files(number, RulesetVersionStore.FIXTURES));
        } catch (RulesetException e) {
            throw new IllegalStateException("cannot start: the active rule version " + number + " kept in the store does "
                    + "not load (start with lantian.rules.start=folder to serve " + rulesDir + " instead): " + e.getMessage(), e);
        }
    }

    /** The folder, kept as a version (the one it equals, or a new one) and activated when it is not the active one. */
    private Served fromFolder(Long active) {
        RuleFolder folder = readFolder();
        Ruleset loaded = load(folder);
        Map<String, String> fixtures = folderFixtures();
        RulesetContent content = new RulesetContent(folder.files(), fixtures);
        var same = versions.findByContent(content.hash());
        if (same.isPresent() && same.get().number() == (active == null ? -1 : active)) {
            return new Served(loaded, active, folder.files(), fixtures);
        }
        String reason = active == null ? "首次启动：保存所加载的规则目录 " + rulesDir
                : "以 lantian.rules.start=folder 启动：加载规则目录 " + rulesDir;
        RulesetVersionStore.StoredVersion kept;
        if (same.isPresent()) {
            kept = versions.activate(active, null, same.get().number(), SYSTEM, reason,
                    active != null && same.get().number() < active ? "RULESET_ROLLED_BACK" : "RULESET_ACTIVATED", startDetail(loaded));
        } else {
            RulesetVersionStore.NewVersion created = result(loaded, content);
            kept = versions.activate(active, created, null, SYSTEM, reason, "RULESET_ACTIVATED", startDetail(loaded));
        }
        LOG.infof("kept the rules folder %s as version %d", rulesDir.toAbsolutePath(), kept.number());
        return new Served(loaded, kept.number(), folder.files(), fixtures);
    }

    private static Map<String, Object> startDetail(Ruleset loaded) {
        return Map.of("origin", "START", "rulesetVersion", loaded.version());
    }

    /** A new version of this content, with its fixtures' result (a start-up keeps it whatever the result). */
    private RulesetVersionStore.NewVersion result(Ruleset loaded, RulesetContent content) {
        int passed = 0;
        int failed = 0;
        RulesetContent.Coverage coverage;
        try {
            FixtureRunner.Report report = FixtureRunner.run(loaded, Fixtures.of(content.fixtures()), new RequestReader(validator));
            passed = (int) report.passed();
            failed = (int) report.failed();
            coverage = RulesetContent.Coverage.of(loaded, report);
        } catch (FixtureException e) {
            LOG.warnf("the fixtures of %s cannot be read: %s", fixturesDir, e.getMessage());
            coverage = new RulesetContent.Coverage(loaded.rules().size(), 0,
                    loaded.rules().stream().map(RuleInfo::name).toList());
            failed = 1;
        }
        return new RulesetVersionStore.NewVersion(loaded.version(), content.hash(), "START", passed, failed, coverage,
                content.rules(), content.fixtures());
    }

    private RuleFolder readFolder() {
        try {
            return RuleFolder.read(rulesDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start: cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
    }

    private Ruleset load(RuleFolder folder) {
        try {
            return loader().load(folder);
        } catch (RulesetException e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }

    /** The fixture files of the fixtures folder as text (none when there is no such folder). */
    public Map<String, String> folderFixtures() {
        return Files.isDirectory(fixturesDir) ? Fixtures.files(fixturesDir) : Map.of();
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
        boolean swapped = current.compareAndSet(expected, next);
        if (swapped) {
            LOG.infof("activated version %s: %s (%d rules), replacing version %s (%s)", next.version(),
                    next.ruleset().version(), next.ruleset().rules().size(), expected.version(), expected.ruleset().version());
        }
        return swapped;
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
