package cn.lantian.service;

import cn.lantian.audit.CandidateFiles;
import cn.lantian.audit.Comparison;
import cn.lantian.audit.FixtureFiles;
import cn.lantian.audit.ReloadReport;
import cn.lantian.audit.RulesetContent;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.Fixtures;
import cn.lantian.identity.Actor;
import cn.lantian.store.RulesetVersionStore;
import cn.lantian.store.RulesetVersionStore.StoredVersion;
import cn.lantian.store.StoreConflictException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The rule versions, as an auditor uses them: the list, one version's files, the differences between two
 * (file by file, and the decisions on the fixtures), a version exported as {@code rules/} and {@code fixtures/},
 * and the three activations, each gated like {@code reload} (it compiles, every fixture holds, every rule is
 * reached): the rules folder re-read ({@link #reload}), files edited in the console laid over the active version
 * ({@link #activateEdited}), and an earlier or later version again ({@link #activateVersion}, a rollback when
 * earlier). A new content becomes a new version; a content already kept activates that version.
 */
@ApplicationScoped
public class RuleVersions {
    public static final String ACTIVATED = "RULESET_ACTIVATED";
    public static final String ROLLED_BACK = "RULESET_ROLLED_BACK";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    @Inject
    ActiveRuleset rules;

    @Inject
    RulesetVersionStore store;

    @Inject
    Validator validator;

    @Inject
    RulesWatch watch;

    /** Activations on this instance one at a time; across instances the store's active row decides. */
    private final Object activating = new Object();

    /** A kept version as listed. */
    public record VersionView(long number, String rulesetVersion, String author, String reason, OffsetDateTime createdAt,
                              Long previous, String origin, int fixturesPassed, int fixturesFailed, JsonNode coverage,
                              boolean active) {
        static VersionView of(StoredVersion v, Long active) {
            return new VersionView(v.number(), v.rulesetVersion(), v.author(), v.reason(), v.createdAt(), v.previous(),
                    v.origin(), v.fixturesPassed(), v.fixturesFailed(), v.coverage(), active != null && active == v.number());
        }
    }

    public record VersionList(Long activeVersion, List<VersionView> versions, List<RulesetVersionStore.Activation> activations) {}

    /** A version with its files: {@code rules} by their path in {@code rules/}, {@code fixtures} in {@code fixtures/}. */
    public record VersionFiles(VersionView version, Map<String, String> rules, Map<String, String> fixtures) {}

    /** One file that differs: ADDED, REMOVED or CHANGED, and the unified diff of its text. */
    public record FileDiff(String file, String change, String diff) {}

    /** Two versions compared: their files, and the decisions of the later one's fixtures under both. */
    public record VersionDiff(long from, long to, List<FileDiff> files, Comparison decisions) {}

    /** What an activation came to. */
    public sealed interface Outcome permits Activated, Refused, Overtaken, NotEverywhere {}

    /**
     * Activated (or already serving: {@code action} UNCHANGED): the gate's report, the version serving now, and the
     * other instances that had it compiled before the switch ({@code instances}; absent when UNCHANGED).
     */
    public record Activated(@com.fasterxml.jackson.annotation.JsonUnwrapped ReloadReport report, long storedVersion,
                            Long previousStoredVersion, String action, RulesWatch.Readiness instances) implements Outcome {}

    /** Another instance could not compile the version (its release differs): nothing was activated. */
    public record NotEverywhere(ReloadReport report, long storedVersion, RulesWatch.Readiness instances) implements Outcome {}

    /** The gate refused it: the report says why; the active rules keep serving. */
    public record Refused(ReloadReport report) implements Outcome {}

    /** Another activation came first; this one activated nothing. */
    public record Overtaken(ReloadReport report, Long activeVersion, String activeRulesetVersion) implements Outcome {}

    public VersionList list() {
        Long active = rules.served().version();
        return new VersionList(active, store.list().stream().map(v -> VersionView.of(v, active)).toList(), store.activations());
    }

    /** A version by its number, or by its rules' hash ({@code sha256:…}: the newest version with those rules). */
    public Optional<StoredVersion> find(String id) {
        if (id != null && NUMBER.matcher(id).matches()) {
            return store.find(Long.parseLong(id));
        }
        if (id != null && id.startsWith("sha256:") && id.length() < 100) {
            return store.findByRulesetVersion(id);
        }
        return Optional.empty();
    }

    public VersionFiles files(StoredVersion v) {
        return new VersionFiles(VersionView.of(v, rules.served().version()), store.files(v.number(), RulesetVersionStore.RULES),
                store.files(v.number(), RulesetVersionStore.FIXTURES));
    }

    /** {@code rules/…} and {@code fixtures/…} of a version as a zip, ready to commit to a rules repository. */
    public byte[] export(StoredVersion v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (var kind : List.of(Map.entry("rules/", RulesetVersionStore.RULES), Map.entry("fixtures/", RulesetVersionStore.FIXTURES))) {
                for (var f : store.files(v.number(), kind.getValue()).entrySet()) {
                    ZipEntry entry = new ZipEntry(kind.getKey() + f.getKey());
                    entry.setTime(v.createdAt().toInstant().toEpochMilli());
                    zip.putNextEntry(entry);
                    zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The files that differ between two versions as unified diffs ({@code rules/…}, {@code fixtures/…}), and the
     * cases of the second one's fixtures decided under the first's rules and the second's.
     *
     * @throws RulesetException when one of them no longer compiles
     */
    public VersionDiff diff(StoredVersion a, StoredVersion b) throws RulesetException {
        Map<String, String> before = all(a.number());
        Map<String, String> after = all(b.number());
        List<FileDiff> files = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            String was = before.get(name);
            String is = after.get(name);
            if (java.util.Objects.equals(was, is)) {
                continue;
            }
            List<String> from = was == null ? List.of() : was.lines().toList();
            List<String> to = is == null ? List.of() : is.lines().toList();
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(was == null ? "/dev/null" : "a/" + name,
                    is == null ? "/dev/null" : "b/" + name, from, DiffUtils.diff(from, to), 3);
            files.add(new FileDiff(name, was == null ? "ADDED" : is == null ? "REMOVED" : "CHANGED",
                    String.join("\n", unified) + "\n"));
        }
        Ruleset first = compiled(a);
        Ruleset second = compiled(b);
        List<FixtureCase> cases = cases(store.files(b.number(), RulesetVersionStore.FIXTURES), "fixtures");
        return new VersionDiff(a.number(), b.number(), files, Comparison.of(first, second, cases, new RequestReader(validator)));
    }

    private Map<String, String> all(long version) {
        Map<String, String> out = new LinkedHashMap<>();
        store.files(version, RulesetVersionStore.RULES).forEach((k, v) -> out.put("rules/" + k, v));
        store.files(version, RulesetVersionStore.FIXTURES).forEach((k, v) -> out.put("fixtures/" + k, v));
        return out;
    }

    private Ruleset compiled(StoredVersion v) throws RulesetException {
        ActiveRuleset.Served served = rules.served();
        if (served.version() != null && served.version() == v.number()) {
            return served.ruleset();
        }
        return rules.loader().load(new RuleFolder(store.files(v.number(), RulesetVersionStore.RULES), List.of()));
    }

    /** The fixtures folder's files as text. */
    public Map<String, String> folderFixtures() {
        return RulesetStartFromStore.folderFixtures(rules.fixturesDir());
    }

    /** The rules folder and the fixtures folder re-read, tested, and activated as a version when they pass. */
    public Outcome reload(Actor actor, String reason) {
        ActiveRuleset.Served expected = rules.served();
        RuleFolder folder;
        try {
            folder = RuleFolder.read(rules.rulesDir());
        } catch (IOException e) {
            folder = new RuleFolder(Map.of(), List.of(cn.lantian.engine.Diagnostic.error(rules.rulesDir().toString(), 0, 0,
                    "cannot read: " + e.getMessage())));
        }
        Map<String, String> fixtures = folderFixtures();
        return gate(expected, folder, fixtures, cases(fixtures, "fixtures"), "RELOAD", actor, reason, Map.of());
    }

    /**
     * The active version with these rules files and fixture files laid over it ({@code null} removes one),
     * tested, and activated as a new version when it passes. {@code baseVersion}, when named, is the version
     * the edits were made on: when another serves by now, the edits are not laid over it (409).
     */
    public Outcome activateEdited(Map<String, String> files, Map<String, String> fixtures, Long baseVersion,
                                  List<Map<String, String>> accepted, Actor actor, String reason) {
        ActiveRuleset.Served expected = rules.served();
        if (baseVersion != null && !baseVersion.equals(expected.version())) {
            return new Overtaken(null, expected.version(), expected.ruleset().version());
        }
        RuleFolder folder = CandidateFiles.overlay(new RuleFolder(expected.rules(), List.of()), files);
        Map<String, String> candidateFixtures = FixtureFiles.overlay(expected.fixtures(), fixtures);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("filesEdited", new TreeSet<>(files.keySet()));
        detail.put("fixturesEdited", new TreeSet<>(fixtures.keySet()));
        detail.put("acceptedCases", accepted);
        return gate(expected, folder, candidateFixtures, cases(candidateFixtures, "fixtures"), "EDIT", actor, reason, detail);
    }

    /** A kept version again (a rollback when it is older than the one serving), gated like any activation. */
    public Outcome activateVersion(StoredVersion v, Actor actor, String reason) {
        ActiveRuleset.Served expected = rules.served();
        Map<String, String> fixtures = store.files(v.number(), RulesetVersionStore.FIXTURES);
        RuleFolder folder = new RuleFolder(store.files(v.number(), RulesetVersionStore.RULES), List.of());
        return gate(expected, folder, fixtures, cases(fixtures, "version"), v.origin(), actor, reason, Map.of());
    }

    /** The cases of fixture files; a file that is no fixture file is refused naming it. */
    private static List<FixtureCase> cases(Map<String, String> fixtures, String field) {
        try {
            return Fixtures.of(fixtures);
        } catch (FixtureException e) {
            var named = java.util.regex.Pattern.compile("^(\\S+?\\.json)[: ]").matcher(e.getMessage());
            String file = named.find() ? named.group(1) : "";
            throw new InvalidRequestException("The fixtures are invalid", List.of(new FieldError(
                    field.equals("fixtures") && fixtures.containsKey(file) ? "fixtures[\"" + file + "\"]" : field, e.getMessage())));
        }
    }

    private Outcome gate(ActiveRuleset.Served expected, RuleFolder folder, Map<String, String> fixtures,
                         List<FixtureCase> cases, String origin, Actor actor, String reason, Map<String, Object> extra) {
        ReloadReport report = ReloadReport.attempt(rules.loader(), expected.ruleset(), folder, cases, new RequestReader(validator));
        if (!report.activated()) {
            return new Refused(report);
        }
        RulesetContent content = new RulesetContent(folder.files(), fixtures);
        synchronized (activating) {
            if (rules.served() != expected) {
                return new Overtaken(report.overtaken(), rules.served().version(), rules.get().version());
            }
            Optional<StoredVersion> same = store.findByContent(content.hash());
            if (same.isPresent() && expected.version() != null && same.get().number() == expected.version()) {
                return new Activated(report, expected.version(), expected.version(), "UNCHANGED", null);
            }
            String action = same.isPresent() && expected.version() != null && same.get().number() < expected.version()
                    ? ROLLED_BACK : ACTIVATED;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("origin", origin);
            detail.put("previous", expected.ruleset().version());
            detail.put("changes", report.changes());
            detail.putAll(extra);
            RulesetVersionStore.NewVersion created = same.isPresent() ? null : new RulesetVersionStore.NewVersion(
                    report.version(), content.hash(), origin, (int) report.fixturesPassed(), report.fixtureFailures().size(),
                    new RulesetContent.Coverage(report.candidate().rules().size(),
                            report.candidate().rules().size() - report.uncoveredRules().size(), report.uncoveredRules()),
                    content.rules(), content.fixtures());
            // the version is kept first, so that every other instance compiles it before the switch
            StoredVersion kept;
            try {
                kept = same.isPresent() ? same.get() : store.keep(created, actor.username(), reason, expected.version());
            } catch (StoreConflictException e) {
                return new Overtaken(report.overtaken(), rules.served().version(), rules.get().version());
            }
            ActiveRuleset.Served next = new ActiveRuleset.Served(report.candidate(), kept.number(), content.rules(),
                    content.fixtures());
            RulesWatch.Readiness readiness = watch.prepareEverywhere(next, actor.username());
            if (readiness.refused()) {
                return new NotEverywhere(report, kept.number(), readiness);
            }
            try {
                store.activate(expected.version(), null, kept.number(), actor.username(), reason, action, detail);
            } catch (StoreConflictException e) {
                return new Overtaken(report.overtaken(), rules.served().version(), rules.get().version());
            }
            rules.activate(expected, next);
            watch.switchedHere(expected, kept.number());
            return new Activated(report, kept.number(), expected.version(), action, readiness);
        }
    }
}
