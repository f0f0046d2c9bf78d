package cn.lantian.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import cn.lantian.time.LocalCalendar;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Reads a rules folder ({@code .drl} rule files and {@code .csv} reference tables), compiles it and
 * checks it. Either every file is good and a {@link Ruleset} comes back, or nothing does and the
 * diagnostics name each file, line and column at fault.
 */
public final class RulesetLoader {
    private static final String KIE_ROOT = "src/main/resources/";
    /** The parameter naming the jurisdiction's time zone; UTC when the tables name none. */
    public static final String TIME_ZONE = "calendar.timeZone";
    /**
     * The folder of the stream rules (the online monitors, Drools complex-event processing): its rule files are
     * compiled into a KieBase of their own in STREAM mode, beside the inspection rules, after the same sandbox
     * check, metadata checks and table checks.
     */
    public static final String STREAM_FOLDER = "monitoring/";

    private final Clock clock;

    /** A loader that stamps each ruleset with the time it was loaded, as {@code clock} tells it. */
    public RulesetLoader(Clock clock) {
        this.clock = clock;
    }
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");

    /** Loads the folder as it is on disk. */
    public Ruleset load(Path dir) throws RulesetException {
        try {
            return load(RuleFolder.read(dir));
        } catch (IOException e) {
            throw new RulesetException(List.of(Diagnostic.error(dir.toString(), 0, 0, "cannot read: " + e.getMessage())));
        }
    }

    /**
     * Loads a folder as read (and perhaps edited): refused when a file could not be read, and otherwise with
     * what reading found (a file read as GB18030) among the ruleset's warnings, or after the errors.
     */
    public Ruleset load(RuleFolder folder) throws RulesetException {
        if (folder.refused()) {
            throw new RulesetException(folder.notes());
        }
        try {
            Ruleset loaded = load(folder.files());
            return folder.notes().isEmpty() ? loaded : loaded.withWarnings(folder.notes());
        } catch (RulesetException e) {
            if (folder.notes().isEmpty()) {
                throw e;
            }
            List<Diagnostic> all = new ArrayList<>(e.diagnostics());
            all.addAll(folder.notes());
            throw new RulesetException(all);
        }
    }

    /**
     * The rule files (.drl) and tables (.csv) of a folder, by their path inside it ("dust/standards.csv"), as
     * {@link RuleFolder#read} reads them; an IOException naming each file that cannot be read as text.
     */
    public static Map<String, String> files(Path dir) throws IOException {
        RuleFolder folder = RuleFolder.read(dir);
        if (folder.refused()) {
            throw new IOException(folder.notes().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                    .map(d -> d.file() + ": " + d.message()).collect(java.util.stream.Collectors.joining("; ")));
        }
        return folder.files();
    }

    /** Loads rule files given by their path inside the rules folder ("dust/site-items.drl"). */
    public Ruleset load(Map<String, String> files) throws RulesetException {
        // Drools runs code while it compiles (metadata, declared defaults) and when the rules run: nothing is
        // compiled unless every file keeps to what rules may do.
        List<Diagnostic> refused = RuleSandbox.check(files);
        if (!refused.isEmpty()) {
            throw new RulesetException(refused);
        }
        List<Diagnostic> problems = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        ReferenceTables tables = new ReferenceTables();
        KieFileSystem kfs = KieServices.get().newKieFileSystem();
        KieFileSystem streamKfs = KieServices.get().newKieFileSystem();
        boolean streamRules = false;
        Map<String, String> ruleDigests = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().endsWith(".csv")) {
                tables.read(displayName(f.getKey()), f.getValue(), problems);
            }
        }
        // The firing order of the phases table becomes each rule's salience; the rules are hashed, checked
        // and shown as written.
        RulePhases phases = RulePhases.of(tables.values(Phase.class));
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getKey().endsWith(".csv")) {
                tables.ruleFile(displayName(f.getKey()), f.getValue());
                boolean stream = f.getKey().startsWith(STREAM_FOLDER);
                streamRules |= stream;
                (stream ? streamKfs : kfs).write(KIE_ROOT + f.getKey(), phases.apply(displayName(f.getKey()), f.getValue(), problems));
                ruleDigests.putAll(RuleSources.digests(f.getValue()));
            }
        }
        if (files.keySet().stream().noneMatch(f -> f.endsWith(".drl") && !f.startsWith(STREAM_FOLDER))) {
            problems.add(Diagnostic.error("rules/", 0, 0, "no .drl rule file"));
        }
        KieBase kieBase = problems.isEmpty() ? compile(kfs, problems, warnings, false) : null;
        KieBase streamBase = problems.isEmpty() && streamRules ? compile(streamKfs, problems, warnings, true) : null;
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        List<RuleInfo> rules = new ArrayList<>(ruleInfos(kieBase));
        if (streamBase != null) {
            rules.addAll(ruleInfos(streamBase));
            rules.sort(java.util.Comparator.comparing(RuleInfo::file).thenComparing(RuleInfo::name));
        }
        rules = List.copyOf(rules);
        checkRules(rules, problems);
        Map<String, InForce> validity = validity(rules, problems);
        TableChecks.check(tables, rules, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        Map<String, String> fileDigests = new LinkedHashMap<>();
        files.forEach((name, content) -> fileDigests.put(displayName(name), sha256(name + "\0" + content)));
        return new Ruleset("sha256:" + sha256(String.join("\0", fileDigests.values())), clock.instant(),
                List.copyOf(fileDigests.keySet()), rules, tables, kieBase, Map.copyOf(fileDigests),
                Map.copyOf(ruleDigests), Map.copyOf(validity), List.copyOf(warnings), calendar(tables), streamBase);
    }

    /** The calendar the tables name (TableChecks has made sure the zone is a real one). */
    private static LocalCalendar calendar(ReferenceTables tables) {
        return new LocalCalendar(tables.values(cn.lantian.fact.Parameter.class).stream()
                .filter(p -> p.name().equals(TIME_ZONE)).findFirst()
                .<ZoneId>map(p -> ZoneId.of(p.value())).orElse(ZoneOffset.UTC));
    }

    /** The period of the rules that carry {@code @effectiveFrom} or {@code @effectiveTo} (ISO dates). */
    private static Map<String, InForce> validity(List<RuleInfo> rules, List<Diagnostic> problems) {
        Map<String, InForce> validity = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            String from = r.metadata().get("effectiveFrom");
            String to = r.metadata().get("effectiveTo");
            if (from == null && to == null) {
                continue;
            }
            try {
                validity.put(r.name(), new InForce(from == null ? null : java.time.LocalDate.parse(from),
                        to == null ? null : java.time.LocalDate.parse(to)));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(Diagnostic.error(r.file(), 0, 0, "rule \"" + r.name() + "\": effective dates are YYYY-MM-DD"));
            }
        }
        return validity;
    }

    private static KieBase compile(KieFileSystem kfs, List<Diagnostic> problems, List<Diagnostic> warnings, boolean stream) {
        KieServices ks = KieServices.get();
        // A release id of its own, so that concurrent builds (a reload beside a validation) never meet.
        ReleaseId id = ks.newReleaseId("cn.lantian.rules", "ruleset-" + UUID.randomUUID(), "1.0.0");
        kfs.generateAndWritePomXML(id);

        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Diagnostic> found = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "rules/" : displayName(m.getPath().replaceFirst("^" + KIE_ROOT, ""));
            int line = Math.max(m.getLine(), 0);
            int column = Math.max(m.getColumn(), 0);
            // The parser puts the exact position only in its text: "[ERR 101] Line 7:34 no viable alternative…"
            Matcher at = PARSER_POSITION.matcher(m.getText());
            if (column == 0 && at.find()) {
                line = Integer.parseInt(at.group(1));
                column = Integer.parseInt(at.group(2)) + 1;
            }
            found.add(Diagnostic.error(path, line, column, m.getText().strip()));
        }
        for (Message m : builder.getResults().getMessages(Message.Level.WARNING)) {
            String path = m.getPath() == null ? "rules/" : displayName(m.getPath().replaceFirst("^" + KIE_ROOT, ""));
            warnings.add(new Diagnostic(path, Math.max(m.getLine(), 0), Math.max(m.getColumn(), 0),
                    Diagnostic.Severity.WARNING, m.getText().strip()));
        }
        // "Parser returned a null Package" only repeats that the file did not parse.
        boolean parseErrors = found.stream().anyMatch(d -> d.line() > 0);
        found.stream().filter(d -> !(parseErrors && d.message().startsWith("Parser returned a null Package")))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(id);
            return null;
        }
        KieBase kieBase;
        if (stream) {
            // events, time windows and expiry: the stream rules run against a pseudo clock the service moves
            org.kie.api.KieBaseConfiguration conf = ks.newKieBaseConfiguration();
            conf.setOption(org.kie.api.conf.EventProcessingOption.STREAM);
            kieBase = ks.newKieContainer(id).newKieBase(conf);
        } else {
            kieBase = ks.newKieContainer(id).getKieBase();
        }
        ks.getRepository().removeKieModule(id);
        return kieBase;
    }

    private static List<RuleInfo> ruleInfos(KieBase kieBase) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Map<String, String> md = new LinkedHashMap<>();
                rule.getMetaData().forEach((k, v) -> md.put(k, String.valueOf(v)));
                rules.add(new RuleInfo(rule.getName(), fileOf(rule), md.get("code"), md.get("title"),
                        md.get("legalBasis"), Map.copyOf(md)));
            }
        }
        rules.sort(java.util.Comparator.comparing(RuleInfo::file).thenComparing(RuleInfo::name));
        return List.copyOf(rules);
    }

    /** The rules' own file, as "rules/…", for traces and diagnostics. */
    static String fileOf(Rule rule) {
        var resource = ((RuleImpl) rule).getResource();
        String path = resource == null ? "" : resource.getSourcePath();
        return displayName(path.replaceFirst("^" + KIE_ROOT, ""));
    }

    private static String displayName(String rel) {
        return "rules/" + rel;
    }

    /** Lantian's own checks beyond the compiler's: metadata present, names unique, tables consistent. */
    private static void checkRules(List<RuleInfo> rules, List<Diagnostic> problems) {
        Set<String> names = new HashSet<>();
        Map<String, String> titleByCode = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            if (!names.add(r.name())) {
                problems.add(Diagnostic.error(r.file(), 0, 0, "rule name \"" + r.name() + "\" is used twice"));
            }
            for (String key : RuleInfo.REQUIRED) {
                String v = r.metadata().get(key);
                if (v == null || v.isBlank()) {
                    problems.add(Diagnostic.error(r.file(), 0, 0, "rule \"" + r.name() + "\" has no @" + key));
                }
            }
            if (r.code() != null && r.title() != null) {
                String earlier = titleByCode.putIfAbsent(r.code(), r.title());
                if (earlier != null && !earlier.equals(r.title())) {
                    problems.add(Diagnostic.error(r.file(), 0, 0, "rule \"" + r.name() + "\" claims code " + r.code()
                            + " with title \"" + r.title() + "\", another rule with \"" + earlier + "\""));
                }
            }
        }
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
