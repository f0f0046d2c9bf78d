package cn.lantian.engine;

import cn.lantian.fact.AlertStep;
import cn.lantian.fact.FineScale;
import cn.lantian.fact.JurisdictionStandard;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.Reference;
import cn.lantian.fact.ProductionMeasure;
import cn.lantian.fact.SiteMeasure;
import cn.lantian.fact.StandardItem;
import cn.lantian.fact.TruckBan;
import cn.lantian.fact.WarningCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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
import java.util.stream.Stream;
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
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");

    /** Loads the folder as it is on disk. */
    public Ruleset load(Path dir) throws RulesetException {
        if (!Files.isDirectory(dir)) {
            throw new RulesetException(List.of(Diagnostic.error(dir.toString(), 0, 0, "rules folder not found")));
        }
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".drl") || rel.endsWith(".csv")) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new RulesetException(List.of(Diagnostic.error(dir.toString(), 0, 0, "cannot read: " + e.getMessage())));
        }
        return load(files);
    }

    /** Loads rule files given by their path inside the rules folder ("dust/site-items.drl"). */
    public Ruleset load(Map<String, String> files) throws RulesetException {
        List<Diagnostic> problems = new ArrayList<>();
        Tables tables = new Tables();
        KieFileSystem kfs = KieServices.get().newKieFileSystem();
        int drlCount = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().endsWith(".csv")) {
                tables.read(displayName(f.getKey()), f.getValue(), problems);
            } else {
                kfs.write(KIE_ROOT + f.getKey(), f.getValue());
                drlCount++;
            }
        }
        if (drlCount == 0) {
            problems.add(Diagnostic.error("rules/", 0, 0, "no .drl rule file"));
        }
        KieBase kieBase = problems.isEmpty() ? compile(kfs, problems) : null;
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        List<RuleInfo> rules = ruleInfos(kieBase);
        checkRules(rules, problems);
        TableChecks.check(tables, rules, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new Ruleset(version(files), Instant.now(),
                files.keySet().stream().map(RulesetLoader::displayName).toList(), rules, tables.reference(), kieBase);
    }

    private static KieBase compile(KieFileSystem kfs, List<Diagnostic> problems) {
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
        // "Parser returned a null Package" only repeats that the file did not parse.
        boolean parseErrors = found.stream().anyMatch(d -> d.line() > 0);
        found.stream().filter(d -> !(parseErrors && d.message().startsWith("Parser returned a null Package")))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(id);
            return null;
        }
        KieBase kieBase = ks.newKieContainer(id).getKieBase();
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

    private static String version(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, content) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference tables, each known by its file name wherever it stands in the folder. */
    static final class Tables {
        static final Map<String, Class<? extends Record>> BY_FILE_NAME = Map.of(
                "standards.csv", StandardItem.class,
                "parameters.csv", Parameter.class,
                "jurisdictions.csv", JurisdictionStandard.class,
                "alert-levels.csv", AlertStep.class,
                "site-measures.csv", SiteMeasure.class,
                "production-measures.csv", ProductionMeasure.class,
                "truck-bans.csv", TruckBan.class,
                "warning-criteria.csv", WarningCondition.class,
                "legal-bases.csv", LawArticle.class,
                "fine-scale.csv", FineScale.class);

        private final Map<Class<?>, List<CsvTable.Row<?>>> rows = new LinkedHashMap<>();

        void read(String file, String content, List<Diagnostic> problems) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            Class<? extends Record> type = BY_FILE_NAME.get(name);
            if (type == null) {
                problems.add(Diagnostic.error(file, 0, 0, "unknown table; known: "
                        + String.join(", ", new java.util.TreeSet<>(BY_FILE_NAME.keySet()))));
                return;
            }
            rows.computeIfAbsent(type, t -> new ArrayList<>()).addAll(CsvTable.read(file, content, type, problems));
        }

        @SuppressWarnings("unchecked")
        <T> List<CsvTable.Row<T>> rows(Class<T> type) {
            return (List<CsvTable.Row<T>>) (List<?>) rows.getOrDefault(type, List.of());
        }

        <T> List<T> values(Class<T> type) {
            return rows(type).stream().map(CsvTable.Row::value).toList();
        }

        Reference reference() {
            return new Reference(values(StandardItem.class), values(Parameter.class),
                    values(JurisdictionStandard.class), values(AlertStep.class), values(SiteMeasure.class),
                    values(ProductionMeasure.class), values(TruckBan.class), values(WarningCondition.class),
                    values(LawArticle.class), values(FineScale.class));
        }
    }
}
