package cn.lantian.engine;

import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.AlertStep;
import cn.lantian.fact.BreachArticle;
import cn.lantian.fact.CodeLabel;
import cn.lantian.fact.Enterprise;
import cn.lantian.fact.Benchmark;
import cn.lantian.fact.CampaignRule;
import cn.lantian.fact.DiscretionFactor;
import cn.lantian.fact.Impact;
import cn.lantian.fact.JurisdictionStandard;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.ProductionMeasure;
import cn.lantian.fact.SiteMeasure;
import cn.lantian.fact.StandardItem;
import cn.lantian.fact.TruckBan;
import cn.lantian.fact.WarningCondition;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lantian's checks of the reference tables beyond their format: no two rows for one cell, no cell
 * missing from a grid, and every name a row uses defined where it must be.
 */
final class TableChecks {
    private TableChecks() {}

    static void check(ReferenceTables t, List<RuleInfo> rules, List<Diagnostic> problems) {
        Set<String> ruleCodes = new HashSet<>();
        rules.forEach(r -> ruleCodes.add(r.code()));
        unique(t.rows(StandardItem.class), s -> s.standard() + " " + s.item(), problems);
        unique(t.rows(Parameter.class), Parameter::name, problems);
        unique(t.rows(JurisdictionStandard.class), JurisdictionStandard::jurisdiction, problems);
        unique(t.rows(AlertStep.class), s -> s.level().name(), problems);
        unique(t.rows(SiteMeasure.class), m -> m.siteClass() + " " + m.level() + " " + m.order()
                + (m.activity() == null ? "" : " " + m.activity()), problems);
        unique(t.rows(ProductionMeasure.class), m -> m.grade() + " " + m.level(), problems);
        unique(t.rows(TruckBan.class), b -> b.grade() + " " + b.level(), problems);
        unique(t.rows(WarningCondition.class), c -> c.level() + " criterion " + c.criterion() + " "
                + c.comparison() + " " + c.aqi(), problems);
        unique(t.rows(LawArticle.class), LawArticle::code, problems);
        unique(t.rows(BreachArticle.class), BreachArticle::article, problems);
        unique(t.rows(Phase.class), Phase::phase, problems);
        phases(t.rows(Phase.class), problems);
        legalBases(t, rules, problems);
        labels(t, problems);
        discretionFactors(t, problems);
        campaign(t, problems);
        monitoring(t, rules, problems);

        Set<String> standards = new HashSet<>();
        t.values(StandardItem.class).forEach(s -> standards.add(s.standard()));
        for (CsvTable.Row<JurisdictionStandard> j : t.rows(JurisdictionStandard.class)) {
            if (!standards.contains(j.value().standard())) {
                problems.add(j.error("jurisdiction " + j.value().jurisdiction() + " names unknown standard "
                        + j.value().standard()));
            }
        }
        for (CsvTable.Row<StandardItem> s : t.rows(StandardItem.class)) {
            if (!ruleCodes.contains(s.value().item())) {
                problems.add(s.error("standard " + s.value().standard() + " holds item " + s.value().item()
                        + " that no rule judges"));
            }
        }
        completeProductionGrid(t.rows(ProductionMeasure.class), problems);
        completeAlertSteps(t.rows(AlertStep.class), problems);
        for (CsvTable.Row<ProductionMeasure> m : t.rows(ProductionMeasure.class)) {
            boolean limit = m.value().order() == cn.lantian.fact.OrderType.LIMIT_PRODUCTION;
            Integer pct = m.value().limitPercent();
            if (limit && (pct == null || pct < 0 || pct > 100)) {
                problems.add(m.error("LIMIT_PRODUCTION needs a limitPercent from 0 to 100"));
            } else if (!limit && pct != null) {
                problems.add(m.error(m.value().order() + " takes no limitPercent"));
            }
        }
        for (CsvTable.Row<SiteMeasure> m : t.rows(SiteMeasure.class)) {
            boolean stopActivity = m.value().order() == cn.lantian.fact.OrderType.STOP_ACTIVITY;
            if (stopActivity != (m.value().activity() != null)) {
                problems.add(m.error(stopActivity ? "STOP_ACTIVITY needs an activity"
                        : m.value().order() + " takes no activity"));
            }
        }
        if (!t.rows(WarningCondition.class).isEmpty()) {
            Set<String> names = new HashSet<>();
            t.values(Parameter.class).forEach(p -> names.add(p.name()));
            for (String needed : List.of(AlertClassifier.HEAVY_AQI, AlertClassifier.MAX_GAP_DAYS)) {
                if (!names.contains(needed)) {
                    problems.add(Diagnostic.error(t.rows(WarningCondition.class).get(0).file(), 0, 0,
                            "the warning criteria need the parameter " + needed + " in a parameters.csv"));
                }
            }
        }
        parameters(t, rules, problems);
        DocumentTableChecks.check(t, problems);
        for (CsvTable.Row<WarningCondition> c : t.rows(WarningCondition.class)) {
            if (!Set.of("above", "atLeast").contains(c.value().comparison())) {
                problems.add(c.error("comparison must be \"above\" or \"atLeast\""));
            }
        }
    }

    /** Where rules and plumbing need a parameter of a given type, and the table's type for it. */
    private static final List<Map.Entry<String, Parameter.Type>> PLUMBING = List.of(
            Map.entry(RulesetLoader.TIME_ZONE, Parameter.Type.zone), Map.entry(AlertClassifier.HEAVY_AQI, Parameter.Type.number),
            Map.entry(AlertClassifier.MAX_GAP_DAYS, Parameter.Type.number),
            Map.entry(Benchmark.TEXTS.get(0), Parameter.Type.text), Map.entry(Benchmark.TEXTS.get(1), Parameter.Type.text),
            Map.entry(Benchmark.TEXTS.get(2), Parameter.Type.text), Map.entry(Benchmark.TEXTS.get(3), Parameter.Type.text),
            Map.entry(Benchmark.TEXTS.get(4), Parameter.Type.text));
    /** A rule computing the discretion benchmark, which words its lines with {@link Benchmark#TEXTS}. */
    private static final Pattern BENCHMARK_USE = Pattern.compile("\\bBenchmark\\s*\\.\\s*of\\s*\\(");
    /** {@code ref.discretionFactor("X", value)} (a factor read by value) and {@code ref.discretionLevel("X", level)}. */
    private static final Pattern FACTOR_READ = Pattern.compile("\\bdiscretion(Factor|Level)\\s*\\(\\s*\"([^\"]*)\"");
    /** {@code ref.campaignOn("CODE", jurisdiction)}. */
    private static final Pattern CAMPAIGN_READ = Pattern.compile("\\bcampaignOn\\s*\\(\\s*\"([^\"]*)\"");
    /** {@code Parameter(…) from ref.parameterNamed("name")}: the constraints and the name. */
    private static final Pattern NAMED_READ = Pattern.compile(
            "(?<![\\w$])Parameter\\s*\\(([^()]*)\\)\\s*from\\s+ref\\s*\\.\\s*parameterNamed\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    /** {@code Parameter(name == "name", …) from ref.parameters}: the constraints, which name the row. */
    private static final Pattern TABLE_READ = Pattern.compile(
            "(?<![\\w$])Parameter\\s*\\(([^()]*)\\)\\s*from\\s+ref\\s*\\.\\s*(?:parameters\\b|getParameters\\s*\\(\\s*\\))");
    private static final Pattern NAME_CONSTRAINT = Pattern.compile("\\bname\\s*==\\s*\"([^\"]*)\"");
    /** Any lookup by name, in a pattern or in code: {@code ref.parameterNamed("x")}, {@code ref.parameter("x")}. */
    private static final Pattern LOOKUP = Pattern.compile("\\bparameter(?:Named)?\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern NUMBER_READ = Pattern.compile("(?<![\\w$.])(?:number|getNumber\\s*\\(\\s*\\))(?![\\w$])");

    /**
     * What the rules and the plumbing read from the parameters tables is there and of the right type, so
     * that no read fails when a record is evaluated: every parameter a rule looks up by name is defined; a
     * rule that reads one as a number ({@code Parameter($x : number)}) reads a parameter of type number;
     * the calendar's zone is of type zone and the forecast's thresholds are numbers; every placeholder in
     * a text rules show ({@code {pm10.hourlyLimit}} in {@code @criterion}) names a parameter. (Each row's
     * value was checked against its type when the table was read.)
     */
    private static void parameters(ReferenceTables t, List<RuleInfo> rules, List<Diagnostic> problems) {
        Map<String, List<CsvTable.Row<Parameter>>> byName = new LinkedHashMap<>();
        t.rows(Parameter.class).forEach(r -> byName.computeIfAbsent(r.value().name(), k -> new java.util.ArrayList<>()).add(r));
        for (Map.Entry<String, List<String>> text : Benchmark.PLACEHOLDERS.entrySet()) {
            for (CsvTable.Row<Parameter> p : byName.getOrDefault(text.getKey(), List.of())) {
                Matcher m = Pattern.compile("\\{([^{}]*)}").matcher(p.value().value());
                while (m.find()) {
                    if (!text.getValue().contains(m.group(1))) {
                        problems.add(p.error(text.getKey() + " shows {" + m.group(1) + "}, which it has no value for (it may show "
                                + String.join(", ", text.getValue().stream().map(v -> "{" + v + "}").toList()) + ")"));
                    }
                }
            }
        }
        for (Map.Entry<String, Parameter.Type> needed : PLUMBING) {
            for (CsvTable.Row<Parameter> p : byName.getOrDefault(needed.getKey(), List.of())) {
                if (p.value().type() != needed.getValue()) {
                    problems.add(p.error(needed.getKey() + " must be of type " + needed.getValue() + ", not " + p.value().type()));
                }
            }
        }
        for (Map.Entry<String, String> file : t.ruleFiles().entrySet()) {
            String code = code(file.getValue());
            Matcher uses = BENCHMARK_USE.matcher(code);
            if (uses.find()) {
                for (String text : Benchmark.TEXTS) {
                    if (!byName.containsKey(text)) {
                        problems.add(at(file.getKey(), code, uses.start(), "computes the discretion benchmark, whose calculation "
                                + "is worded by the text parameter " + text + ", which no parameters.csv defines"));
                    }
                }
            }
            Matcher lookup = LOOKUP.matcher(code);
            while (lookup.find()) {
                if (!byName.containsKey(lookup.group(1))) {
                    problems.add(at(file.getKey(), code, lookup.start(1), "reads parameter " + lookup.group(1)
                            + ", which no parameters.csv defines"));
                }
            }
            for (Pattern read : List.of(NAMED_READ, TABLE_READ)) {
                Matcher m = read.matcher(code);
                while (m.find()) {
                    String constraints = m.group(1);
                    String name = read == NAMED_READ ? m.group(2) : named(constraints);
                    if (name == null || !NUMBER_READ.matcher(constraints).find()) {
                        continue;
                    }
                    for (CsvTable.Row<Parameter> p : byName.getOrDefault(name, List.of())) {
                        if (p.value().type() != Parameter.Type.number) {
                            problems.add(at(file.getKey(), code, m.start(), "reads parameter " + name + " as a number, but "
                                    + p.file() + " line " + p.line() + " gives it type " + p.value().type()));
                        }
                    }
                }
            }
        }
        for (RuleInfo rule : rules) {
            for (String key : ParameterText.SHOWN) {
                String text = rule.metadata().get(key);
                for (String name : text == null ? List.<String>of() : ParameterText.names(text)) {
                    if (!byName.containsKey(name)) {
                        String source = t.ruleFiles().getOrDefault(rule.file(), "");
                        int where = source.indexOf("{" + name + "}");
                        problems.add(where < 0 ? Diagnostic.error(rule.file(), 0, 0, message(rule, key, name))
                                : at(rule.file(), source, where, message(rule, key, name)));
                    }
                }
            }
        }
    }

    /** What the rules read of a table by name: the name, and where it is first read (file, offset). */
    private record Read(String name, String file, String code, int offset) {}

    private static Map<String, Read> reads(ReferenceTables t, Pattern pattern, int group, String kind) {
        Map<String, Read> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : t.ruleFiles().entrySet()) {
            String code = code(file.getValue());
            Matcher m = pattern.matcher(code);
            while (m.find()) {
                if (kind == null || kind.equals(m.group(1))) {
                    out.putIfAbsent(m.group(group), new Read(m.group(group), file.getKey(), code, m.start(group)));
                }
            }
        }
        return out;
    }

    /**
     * The discretion factor table (penalties/discretion-factors.csv) holds what the rules read and nothing they
     * do not, so that no penalty is silently left undecided: every factor a rule reads has rows, and every row's
     * factor is read by a rule (a misspelt factor would otherwise never apply). A factor read by value
     * ({@code discretionFactor}) has a fromValue on every row, one row per fromValue, and a row from 0, so that
     * every value read finds its row; a factor read by level ({@code discretionLevel}) has one row for each
     * impact grade ({@link Impact}) and no fromValue. A row with a level and a fromValue is a reading (it gives
     * a grade, not a percent); every other row has a percent from 0 to 100.
     */
    private static void discretionFactors(ReferenceTables t, List<Diagnostic> problems) {
        List<CsvTable.Row<DiscretionFactor>> rows = t.rows(DiscretionFactor.class);
        Map<String, Read> byValue = reads(t, FACTOR_READ, 2, "Factor");
        Map<String, Read> byLevel = reads(t, FACTOR_READ, 2, "Level");
        unique(rows, f -> f.factor() + (f.fromValue() == null ? " level " + f.level() : " from " + f.fromValue()), problems);
        Set<String> grades = new java.util.LinkedHashSet<>();
        for (Impact i : Impact.values()) {
            grades.add(i.name());
        }
        Map<String, Set<String>> levelsOf = new LinkedHashMap<>();
        Map<String, Set<Integer>> fromsOf = new LinkedHashMap<>();
        for (CsvTable.Row<DiscretionFactor> r : rows) {
            DiscretionFactor f = r.value();
            boolean value = byValue.containsKey(f.factor());
            if (!value && !byLevel.containsKey(f.factor())) {
                problems.add(r.error("factor " + f.factor() + " is read by no rule (the rules read "
                        + String.join(", ", new java.util.TreeSet<>(unionKeys(byValue, byLevel))) + ")"));
                continue;
            }
            if (value && f.fromValue() == null) {
                problems.add(r.error("factor " + f.factor() + " is read by value: every row needs a fromValue"));
            } else if (!value && f.fromValue() != null) {
                problems.add(r.error("factor " + f.factor() + " is read by level: its rows take a level and no fromValue"));
            }
            if (f.fromValue() != null && f.fromValue() < 0) {
                problems.add(r.error("fromValue must be 0 or more, not " + f.fromValue()));
            }
            if (f.level() != null && !grades.contains(f.level())) {
                problems.add(r.error("level must be one of " + String.join(", ", grades) + ", not \"" + f.level() + "\""));
            }
            boolean reading = f.fromValue() != null && f.level() != null;
            if (reading && f.percent() != null) {
                problems.add(r.error("a reading row (a fromValue and a level) gives a grade and takes no percent"));
            } else if (!reading && (f.percent() == null || f.percent() < 0 || f.percent() > 100)) {
                problems.add(r.error("percent must be a whole number from 0 to 100"));
            }
            if (f.level() != null) {
                levelsOf.computeIfAbsent(f.factor(), k -> new java.util.LinkedHashSet<>()).add(f.level());
            }
            if (f.fromValue() != null) {
                fromsOf.computeIfAbsent(f.factor(), k -> new java.util.LinkedHashSet<>()).add(f.fromValue());
            }
        }
        String file = rows.isEmpty() ? "penalties/discretion-factors.csv" : rows.get(0).file();
        for (Read read : byValue.values()) {
            if (!fromsOf.getOrDefault(read.name(), Set.of()).contains(0)) {
                problems.add(at(read.file(), read.code(), read.offset(), "reads discretion factor " + read.name()
                        + " by value, but " + file + " has no row of it from 0 (a value below its first row would decide no penalty)"));
            }
        }
        for (Read read : byLevel.values()) {
            Set<String> missing = new java.util.LinkedHashSet<>(grades);
            missing.removeAll(levelsOf.getOrDefault(read.name(), Set.of()));
            if (!missing.isEmpty()) {
                problems.add(at(read.file(), read.code(), read.offset(), "reads discretion factor " + read.name()
                        + " by level, but " + file + " has no row of it at " + String.join(", ", missing)));
            }
        }
    }

    private static Set<String> unionKeys(Map<String, ?> a, Map<String, ?> b) {
        Set<String> out = new java.util.LinkedHashSet<>(a.keySet());
        out.addAll(b.keySet());
        return out;
    }

    /**
     * The campaign table (penalties/campaign.csv): one row per policy and jurisdiction, a switch on every row,
     * every policy a rule reads with its default row (no jurisdiction; {@code enabled} false switches it off
     * everywhere), and every row's policy read by a rule. A row's jurisdiction must have its label (see labels).
     */
    private static void campaign(ReferenceTables t, List<Diagnostic> problems) {
        List<CsvTable.Row<CampaignRule>> rows = t.rows(CampaignRule.class);
        Map<String, Read> read = reads(t, CAMPAIGN_READ, 1, null);
        unique(rows, c -> c.code() + (c.jurisdiction() == null ? "" : " in " + c.jurisdiction()), problems);
        Set<String> defaults = new HashSet<>();
        for (CsvTable.Row<CampaignRule> r : rows) {
            CampaignRule c = r.value();
            if (!read.containsKey(c.code())) {
                problems.add(r.error("campaign policy " + c.code() + " is read by no rule (the rules read "
                        + String.join(", ", new java.util.TreeSet<>(read.keySet())) + ")"));
            }
            if (c.enabled() == null) {
                problems.add(r.error("enabled must be true or false"));
            }
            if (c.jurisdiction() == null) {
                defaults.add(c.code());
            }
        }
        String file = rows.isEmpty() ? "penalties/campaign.csv" : rows.get(0).file();
        for (Read r : read.values()) {
            if (!defaults.contains(r.name())) {
                problems.add(at(r.file(), r.code(), r.offset(), "reads campaign policy " + r.name() + ", but " + file
                        + " has no default row of it (no jurisdiction; enabled false switches it off)"));
            }
        }
    }

    private static String message(RuleInfo rule, String key, String name) {
        return "rule \"" + rule.name() + "\": @" + key + " shows {" + name + "}, which no parameters.csv defines";
    }

    private static String named(String constraints) {
        Matcher m = NAME_CONSTRAINT.matcher(constraints);
        return m.find() ? m.group(1) : null;
    }

    /** A diagnostic at a character offset of a file's text, as its line and column. */
    private static Diagnostic at(String file, String text, int offset, String message) {
        return Diagnostic.atOffset(file, text, offset, message);
    }

    /** The rule file's text with its comments blanked (line breaks kept), so that a commented-out read is no read. */
    private static String code(String drl) {
        StringBuilder out = new StringBuilder(drl);
        int n = drl.length();
        for (int i = 0; i < n; i++) {
            char c = drl.charAt(i);
            if (c == '"' || c == '\'') {
                for (i++; i < n && drl.charAt(i) != c && drl.charAt(i) != '\n'; i++) {
                    if (drl.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
                for (; i < n && drl.charAt(i) != '\n'; i++) {
                    out.setCharAt(i, ' ');
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    if (drl.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
                i--;
            }
        }
        return out.toString();
    }

    /**
     * Every legal basis a rule or a table row cites is in the legal bases table; a fine range is whole
     * (both ends, min not above max); a local row names its jurisdiction and the national article it replaces.
     */
    private static void legalBases(ReferenceTables t, List<RuleInfo> rules, List<Diagnostic> problems) {
        List<CsvTable.Row<LawArticle>> rows = t.rows(LawArticle.class);
        if (rows.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        rows.forEach(r -> known.add(r.value().code()));
        for (CsvTable.Row<LawArticle> r : rows) {
            LawArticle b = r.value();
            if (b.fineMinYuan() != null && b.fineMaxYuan() == null) {
                problems.add(r.error(b.code() + ": a minimum fine needs a maximum"));
            }
            if (b.fineMaxYuan() != null && b.fineMinYuan() != null && b.fineMinYuan() > b.fineMaxYuan()) {
                problems.add(r.error(b.code() + ": the minimum fine is above the maximum"));
            }
            if ((b.jurisdiction() == null) != (b.overrides() == null)) {
                problems.add(r.error(b.code() + ": a local article names both its jurisdiction and the article it overrides"));
            }
            if (b.overrides() != null && !known.contains(b.overrides())) {
                problems.add(r.error(b.code() + " overrides unknown article " + b.overrides()));
            }
            if (b.succeeds() != null && !known.contains(b.succeeds())) {
                problems.add(r.error(b.code() + " succeeds unknown article " + b.succeeds()));
            }
            if (b.succeeds() != null && b.jurisdiction() != null) {
                problems.add(r.error(b.code() + ": a local article overrides a national one; only a national article succeeds another"));
            }
        }
        for (CsvTable.Row<BreachArticle> r : t.rows(BreachArticle.class)) {
            if (!known.contains(r.value().article())) {
                problems.add(r.error("article " + r.value().article() + " is not in legal-bases.csv"));
            }
        }
        for (RuleInfo rule : rules) {
            if (rule.legalBasis() != null && !known.contains(rule.legalBasis())) {
                problems.add(Diagnostic.error(rule.file(), 0, 0, "rule \"" + rule.name() + "\" cites "
                        + rule.legalBasis() + ", which is not in legal-bases.csv"));
            }
        }
        for (Class<?> type : ReferenceTables.BY_FILE_NAME.values()) {
            if (type == LawArticle.class) {
                continue;
            }
            for (CsvTable.Row<?> row : t.rows(type)) {
                String cited = citedBasis(row.value());
                if (cited != null && !known.contains(cited)) {
                    problems.add(row.error("cites " + cited + ", which is not in legal-bases.csv"));
                }
            }
        }
    }

    /**
     * The labels table names each code of each kind once: every code Java or a table defines for the kind
     * has its label, and no label names a code its kind does not have (a typo would otherwise go unseen).
     * A unit belongs to a field. A truck ban names an emission standard the record counts trucks of.
     */
    private static void labels(ReferenceTables t, List<Diagnostic> problems) {
        for (CsvTable.Row<TruckBan> b : t.rows(TruckBan.class)) {
            if (!Enterprise.Trucks.STANDARDS.contains(b.value().maxBannedStandard())) {
                problems.add(b.error("maxBannedStandard must be one of " + String.join(", ", Enterprise.Trucks.STANDARDS)
                        + ", not \"" + b.value().maxBannedStandard() + "\""));
            }
        }
        List<CsvTable.Row<CodeLabel>> rows = t.rows(CodeLabel.class);
        if (rows.isEmpty()) {
            return;
        }
        unique(rows, l -> l.kind() + " " + l.code(), problems);
        Map<String, Set<String>> required = new LinkedHashMap<>();
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String kind : LabelKinds.ENUMS.keySet()) {
            required.put(kind, new java.util.LinkedHashSet<>(LabelKinds.fixedCodes(kind)));
        }
        LabelKinds.FIXED.keySet().forEach(kind -> required.put(kind, new java.util.LinkedHashSet<>(LabelKinds.fixedCodes(kind))));
        required.put(LabelKinds.STANDARD, new java.util.LinkedHashSet<>());
        t.values(StandardItem.class).forEach(s -> required.get(LabelKinds.STANDARD).add(s.standard()));
        required.put(LabelKinds.JURISDICTION, new java.util.LinkedHashSet<>());
        t.values(JurisdictionStandard.class).forEach(j -> required.get(LabelKinds.JURISDICTION).add(j.jurisdiction()));
        required.put(LabelKinds.SITE_CLASS, new java.util.LinkedHashSet<>());
        t.values(SiteMeasure.class).forEach(m -> required.get(LabelKinds.SITE_CLASS).add(m.siteClass()));
        required.put(LabelKinds.FIELD, new java.util.LinkedHashSet<>(RecordSchema.paths()));
        required.forEach((kind, codes) -> allowed.put(kind, new java.util.LinkedHashSet<>(codes)));
        // A campaign row's jurisdiction is one the rules know by its label, so a misspelt one does not pass unseen.
        t.values(CampaignRule.class).stream().map(CampaignRule::jurisdiction).filter(j -> j != null).forEach(j -> {
            required.get(LabelKinds.JURISDICTION).add(j);
            allowed.get(LabelKinds.JURISDICTION).add(j);
        });
        // A monitoring policy's jurisdiction is one the rules know by its label, as a campaign row's.
        t.values(cn.lantian.fact.MonitoringPolicy.class).stream().map(cn.lantian.fact.MonitoringPolicy::jurisdiction)
                .filter(j -> j != null).forEach(j -> {
                    required.get(LabelKinds.JURISDICTION).add(j);
                    allowed.get(LabelKinds.JURISDICTION).add(j);
                });
        // A local article's jurisdiction may be named though no standard is configured for it.
        t.values(LawArticle.class).stream().map(LawArticle::jurisdiction).filter(j -> j != null)
                .forEach(allowed.get(LabelKinds.JURISDICTION)::add);

        Map<String, Set<String>> labelled = new LinkedHashMap<>();
        for (CsvTable.Row<CodeLabel> r : rows) {
            CodeLabel l = r.value();
            if (l.kind().equals(cn.lantian.fact.Reference.LEGAL_BASIS)) {
                problems.add(r.error("a legal basis is named by its title in legal-bases.csv, not here"));
                continue;
            }
            Set<String> codes = allowed.get(l.kind());
            if (codes == null) {
                problems.add(r.error("unknown kind " + l.kind() + "; known: " + String.join(", ", allowed.keySet())));
                continue;
            }
            if (!codes.contains(l.code())) {
                problems.add(r.error(l.kind() + " has no code " + l.code() + (codes.size() <= 12
                        ? "; its codes: " + String.join(", ", codes) : "")));
            }
            if (l.unit() != null && !l.kind().equals(LabelKinds.FIELD)) {
                problems.add(r.error("only a FIELD has a unit"));
            }
            labelled.computeIfAbsent(l.kind(), k -> new HashSet<>()).add(l.code());
        }
        String file = rows.get(0).file();
        required.forEach((kind, codes) -> {
            List<String> missing = codes.stream().filter(c -> !labelled.getOrDefault(kind, Set.of()).contains(c)).toList();
            if (!missing.isEmpty()) {
                problems.add(Diagnostic.error(file, 0, 0, "no label for " + kind + " " + String.join(", ", missing)));
            }
        });
    }

    /**
     * The online monitors' tables (monitoring/): one policy row per jurisdiction and a default row (no
     * jurisdiction) once stream rules are loaded; thresholds and windows that make sense (a positive interval of
     * working time, the check above the warning, at most 60 valid minutes); one row per alarm code, each an
     * alarm code of the contract, and a row for every alarm code a stream rule raises.
     */
    private static void monitoring(ReferenceTables t, List<RuleInfo> rules, List<Diagnostic> problems) {
        var policies = t.rows(cn.lantian.fact.MonitoringPolicy.class);
        unique(policies, p -> p.jurisdiction() == null ? "(default)" : p.jurisdiction(), problems);
        var alarms = t.rows(cn.lantian.fact.AlarmRule.class);
        unique(alarms, cn.lantian.fact.AlarmRule::code, problems);
        List<String> codes = LabelKinds.fixedCodes(LabelKinds.ALARM);
        for (var r : alarms) {
            if (!codes.contains(r.value().code())) {
                problems.add(r.error("alarm code " + r.value().code() + " is not one of " + String.join(", ", codes)));
            }
            if (r.value().caseDeadlineHours() <= 0) {
                problems.add(r.error("caseDeadlineHours of " + r.value().code() + " must be above 0"));
            }
            String field = r.value().inspectionField();
            String value = r.value().inspectionValue();
            if ((field == null) != (value == null)) {
                problems.add(r.error("inspectionField and inspectionValue of " + r.value().code() + " are given together or not at all"));
            } else if (field != null) {
                var f = RecordSchema.field(field);
                String wants = cn.lantian.fact.AlarmRule.PEAK_HOUR_MEAN.equals(value) ? "number" : "bool";
                if (f.isEmpty()) {
                    problems.add(r.error("inspectionField " + field + " is not a field of the inspection record"));
                } else if (!cn.lantian.fact.AlarmRule.VALUES.contains(value)) {
                    problems.add(r.error("inspectionValue " + value + " is not one of " + String.join(", ", cn.lantian.fact.AlarmRule.VALUES)));
                } else if (!wants.equals(f.get().type())) {
                    problems.add(r.error("inspectionField " + field + " is a " + f.get().type() + ", and " + value + " gives a " + wants));
                }
            }
        }
        for (var r : policies) {
            var p = r.value();
            if (p.validMinutes() < 1 || p.validMinutes() > 60) {
                problems.add(r.error("validMinutes must be from 1 to 60 (the minutes of an hour), not " + p.validMinutes()));
            }
            if (p.checkUgM3() < p.warningUgM3()) {
                problems.add(r.error("checkUgM3 (" + p.checkUgM3() + ") must not be below warningUgM3 (" + p.warningUgM3() + ")"));
            }
            if (!java.time.LocalTime.parse(p.workFrom()).isBefore(java.time.LocalTime.parse(p.workTo()))) {
                problems.add(r.error("workFrom must come before workTo (working hours within one day)"));
            }
            if (p.allowedExceedingHours() < 0 || p.judgeAfterMinutes() < 0 || p.offlineMinutes() < 1 || p.suspectHours() < 1) {
                problems.add(r.error("allowedExceedingHours and judgeAfterMinutes may not be negative, offlineMinutes and "
                        + "suspectHours must be above 0"));
            }
        }
        boolean streamRules = rules.stream().anyMatch(r -> r.file().startsWith("rules/" + RulesetLoader.STREAM_FOLDER));
        if (streamRules && policies.stream().noneMatch(r -> r.value().jurisdiction() == null)) {
            problems.add(Diagnostic.error("rules/" + RulesetLoader.STREAM_FOLDER + "monitoring-policy.csv", 0, 0,
                    "the stream rules need a default monitoring policy row (no jurisdiction)"));
        }
        Set<String> tabled = new HashSet<>();
        alarms.forEach(r -> tabled.add(r.value().code()));
        for (RuleInfo r : rules) {
            if (r.file().startsWith("rules/" + RulesetLoader.STREAM_FOLDER) && codes.contains(r.code()) && !tabled.contains(r.code())) {
                problems.add(Diagnostic.error(r.file(), 0, 0, "rule \"" + r.name() + "\" raises " + r.code()
                        + ", which has no row in alarms.csv"));
            }
        }
    }

    private static String citedBasis(Object row) {
        for (java.lang.reflect.RecordComponent c : row.getClass().getRecordComponents()) {
            if (c.getName().equals("legalBasis")) {
                try {
                    return (String) c.getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /** The phases table, when there is one, marks exactly one phase for the rules that name none. */
    private static void phases(List<CsvTable.Row<Phase>> rows, List<Diagnostic> problems) {
        if (rows.isEmpty()) {
            return;
        }
        List<CsvTable.Row<Phase>> defaults = rows.stream().filter(r -> Boolean.TRUE.equals(r.value().defaultPhase())).toList();
        if (defaults.isEmpty()) {
            problems.add(Diagnostic.error(rows.get(0).file(), 0, 0, "no phase has defaultPhase true: the rules that name "
                    + "no @phase need one"));
        }
        for (CsvTable.Row<Phase> extra : defaults.subList(Math.min(1, defaults.size()), defaults.size())) {
            problems.add(extra.error("a second phase with defaultPhase true (the first is " + defaults.get(0).value().phase()
                    + ", line " + defaults.get(0).line() + ")"));
        }
        for (CsvTable.Row<Phase> r : rows) {
            if (!r.inForce().isAlways()) {
                problems.add(r.error("a phase is in force always: the firing order cannot change with the date"));
            }
        }
    }

    /** Every grade has a row at every level the table uses: a missing cell would let a plant off. */
    private static void completeProductionGrid(List<CsvTable.Row<ProductionMeasure>> rows, List<Diagnostic> problems) {
        if (rows.isEmpty()) {
            return;
        }
        Set<AlertLevel> levels = EnumSet.noneOf(AlertLevel.class);
        Set<String> cells = new HashSet<>();
        rows.forEach(r -> {
            levels.add(r.value().level());
            cells.add(r.value().grade() + " " + r.value().level());
        });
        for (PerformanceGrade g : PerformanceGrade.values()) {
            for (AlertLevel l : levels) {
                if (!cells.contains(g + " " + l)) {
                    problems.add(Diagnostic.error(rows.get(0).file(), 0, 0, "no row for grade " + g + " at " + l));
                }
            }
        }
    }

    /** Every level says which level is one stricter (sites near a monitoring station). */
    private static void completeAlertSteps(List<CsvTable.Row<AlertStep>> rows, List<Diagnostic> problems) {
        if (rows.isEmpty()) {
            return;
        }
        Set<AlertLevel> present = EnumSet.noneOf(AlertLevel.class);
        rows.forEach(r -> present.add(r.value().level()));
        for (AlertLevel l : AlertLevel.values()) {
            if (!present.contains(l)) {
                problems.add(Diagnostic.error(rows.get(0).file(), 0, 0, "no row for level " + l));
            }
        }
    }

    /** Two rows for one cell are a mistake unless their periods in force do not overlap. */
    private static <T> void unique(List<CsvTable.Row<T>> rows, Function<T, String> key, List<Diagnostic> problems) {
        Map<String, List<CsvTable.Row<T>>> seen = new LinkedHashMap<>();
        for (CsvTable.Row<T> r : rows) {
            List<CsvTable.Row<T>> same = seen.computeIfAbsent(key.apply(r.value()), k -> new java.util.ArrayList<>());
            same.stream().filter(first -> first.inForce().overlaps(r.inForce())).findFirst().ifPresent(first ->
                    problems.add(r.error("duplicate row for " + key.apply(r.value()) + " (first at " + first.file() + " line "
                            + first.line() + ", in force " + first.inForce() + ")")));
            same.add(r);
        }
    }
}
