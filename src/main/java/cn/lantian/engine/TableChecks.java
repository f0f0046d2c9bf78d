package cn.lantian.engine;

import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.AlertStep;
import cn.lantian.fact.BreachArticle;
import cn.lantian.fact.CodeLabel;
import cn.lantian.fact.Enterprise;
import cn.lantian.fact.FineScale;
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
        unique(t.rows(FineScale.class), s -> String.valueOf(s.fromCount()), problems);
        unique(t.rows(BreachArticle.class), BreachArticle::article, problems);
        unique(t.rows(Phase.class), Phase::phase, problems);
        phases(t.rows(Phase.class), problems);
        legalBases(t, rules, problems);
        labels(t, problems);
        for (CsvTable.Row<FineScale> s : t.rows(FineScale.class)) {
            if (s.value().fromCount() < 1 || s.value().fraction() < 0 || s.value().fraction() > 1) {
                problems.add(s.error("fromCount must be at least 1 and fraction from 0 to 1"));
            }
        }
        if (!t.rows(FineScale.class).isEmpty() && t.values(FineScale.class).stream().noneMatch(s -> s.fromCount() == 1)) {
            problems.add(Diagnostic.error(t.rows(FineScale.class).get(0).file(), 0, 0, "no row for a single violation (fromCount 1)"));
        }

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
        for (CsvTable.Row<WarningCondition> c : t.rows(WarningCondition.class)) {
            if (!Set.of("above", "atLeast").contains(c.value().comparison())) {
                problems.add(c.error("comparison must be \"above\" or \"atLeast\""));
            }
        }
    }

    /** Where rules and plumbing need a parameter of a given type, and the table's type for it. */
    private static final List<Map.Entry<String, Parameter.Type>> PLUMBING = List.of(
            Map.entry(RulesetLoader.TIME_ZONE, Parameter.Type.zone), Map.entry(AlertClassifier.HEAVY_AQI, Parameter.Type.number),
            Map.entry(AlertClassifier.MAX_GAP_DAYS, Parameter.Type.number));
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
        for (Map.Entry<String, Parameter.Type> needed : PLUMBING) {
            for (CsvTable.Row<Parameter> p : byName.getOrDefault(needed.getKey(), List.of())) {
                if (p.value().type() != needed.getValue()) {
                    problems.add(p.error(needed.getKey() + " must be of type " + needed.getValue() + ", not " + p.value().type()));
                }
            }
        }
        for (Map.Entry<String, String> file : t.ruleFiles().entrySet()) {
            String code = code(file.getValue());
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
