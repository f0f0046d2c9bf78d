package cn.lantian.service;

import cn.lantian.audit.RulesetContent;
import cn.lantian.engine.ActiveRuleset.Served;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.engine.RulesetStart;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import cn.lantian.store.RulesetVersionStore;
import cn.lantian.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a start-up serves. With {@code lantian.rules.start=store} (the default): when the store keeps an active
 * version, that version's rules (and its fixtures, the ones compare and the activations test against), whatever
 * {@code rules/} holds on this machine, so that every instance serves the same; when it keeps none, the rules
 * folder, kept as the first version (author {@code system}, whatever its fixtures' result). With
 * {@code lantian.rules.start=folder} (development and the test suite) the folder every time, kept as a version
 * of its own (or the earlier version it equals) and activated when it is not the active one. With the store out
 * of reach, the folder, and no version kept until a later activation.
 */
@ApplicationScoped
public class RulesetStartFromStore implements RulesetStart {
    private static final Logger LOG = Logger.getLogger(RulesetStartFromStore.class);
    public static final String SYSTEM = "system";

    /** {@code store} or {@code folder}: what a start-up serves when the store keeps versions. */
    @ConfigProperty(name = "lantian.rules.start", defaultValue = "store")
    String startFrom;

    @Inject
    RulesetVersionStore versions;

    @Inject
    Validator validator;

    @Override
    public Served initial(Path rulesDir, Path fixturesDir, RulesetLoader loader) {
        if (!startFrom.equals("store") && !startFrom.equals("folder")) {
            throw new IllegalStateException("cannot start: lantian.rules.start is \"store\" or \"folder\", not \"" + startFrom + "\"");
        }
        try {
            Optional<RulesetVersionStore.Active> active = versions.active();
            return active.isPresent() && startFrom.equals("store") ? fromStore(active.get().version(), rulesDir, loader)
                    : fromFolder(active.map(RulesetVersionStore.Active::version).orElse(null), rulesDir, fixturesDir, loader);
        } catch (StoreUnavailableException e) {
            LOG.warnf("the rule versions cannot be read (%s): the rules folder %s serves, kept as a version at the next "
                    + "activation", e.getMessage(), rulesDir.toAbsolutePath());
            RuleFolder folder = read(rulesDir);
            return new Served(load(folder, loader), null, folder.files(), folderFixtures(fixturesDir));
        }
    }

    /** The fixture files of a fixtures folder as text (none when there is no such folder). */
    public static Map<String, String> folderFixtures(Path fixturesDir) {
        return Files.isDirectory(fixturesDir) ? Fixtures.files(fixturesDir) : Map.of();
    }

    /**
     * A stored version's rules compiled, with its files: what a start serves from the store, and what an
     * instance switches to when another activates it ({@link RulesWatch}).
     *
     * @throws RulesetException when its rules do not compile here
     */
    public Served stored(long number, RulesetLoader loader) throws RulesetException {
        Map<String, String> rules = versions.files(number, RulesetVersionStore.RULES);
        Ruleset loaded = loader.load(new RuleFolder(rules, List.of()));
        return new Served(loaded, number, rules, versions.files(number, RulesetVersionStore.FIXTURES));
    }

    private Served fromStore(long number, Path rulesDir, RulesetLoader loader) {
        try {
            return stored(number, loader);
        } catch (RulesetException e) {
            throw new IllegalStateException("cannot start: the active rule version " + number + " kept in the store does "
                    + "not load (start with lantian.rules.start=folder to serve " + rulesDir + " instead): " + e.getMessage(), e);
        }
    }

    /** The folder, kept as a version (the one it equals, or a new one) and activated when it is not the active one. */
    private Served fromFolder(Long active, Path rulesDir, Path fixturesDir, RulesetLoader loader) {
        RuleFolder folder = read(rulesDir);
        Ruleset loaded = load(folder, loader);
        Map<String, String> fixtures = folderFixtures(fixturesDir);
        RulesetContent content = new RulesetContent(folder.files(), fixtures);
        var same = versions.findByContent(content.hash());
        if (same.isPresent() && active != null && same.get().number() == active) {
            return new Served(loaded, active, folder.files(), fixtures);
        }
        String reason = active == null ? "首次启动：保存所加载的规则目录 " + rulesDir
                : "以 lantian.rules.start=folder 启动：加载规则目录 " + rulesDir;
        Map<String, Object> detail = Map.of("origin", "START", "rulesetVersion", loaded.version());
        RulesetVersionStore.StoredVersion kept;
        if (same.isPresent()) {
            kept = versions.activate(active, null, same.get().number(), SYSTEM, reason,
                    active != null && same.get().number() < active ? RuleVersions.ROLLED_BACK : RuleVersions.ACTIVATED, detail);
        } else {
            kept = versions.activate(active, result(loaded, content, fixturesDir), null, SYSTEM, reason, RuleVersions.ACTIVATED,
                    detail);
        }
        LOG.infof("kept the rules folder %s as version %d", rulesDir.toAbsolutePath(), kept.number());
        return new Served(loaded, kept.number(), folder.files(), fixtures);
    }

    /** A new version of this content, with its fixtures' result (a start-up keeps it whatever the result). */
    private RulesetVersionStore.NewVersion result(Ruleset loaded, RulesetContent content, Path fixturesDir) {
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
            coverage = new RulesetContent.Coverage(loaded.rules().size(), 0, loaded.rules().stream().map(RuleInfo::name).toList());
            failed = 1;
        }
        return new RulesetVersionStore.NewVersion(loaded.version(), content.hash(), "START", passed, failed, coverage,
                content.rules(), content.fixtures());
    }

    private static RuleFolder read(Path rulesDir) {
        try {
            return RuleFolder.read(rulesDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start: cannot read " + rulesDir + ": " + e.getMessage(), e);
        }
    }

    private static Ruleset load(RuleFolder folder, RulesetLoader loader) {
        try {
            return loader.load(folder);
        } catch (RulesetException e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }
}
