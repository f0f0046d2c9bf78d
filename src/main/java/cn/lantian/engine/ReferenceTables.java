package cn.lantian.engine;

import cn.lantian.fact.AlertStep;
import cn.lantian.fact.BreachArticle;
import cn.lantian.fact.CampaignRule;
import cn.lantian.fact.CodeLabel;
import cn.lantian.fact.DiscretionFactor;
import cn.lantian.fact.JurisdictionStandard;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.LawSuccession;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.ProductionMeasure;
import cn.lantian.fact.Reference;
import cn.lantian.fact.SiteMeasure;
import cn.lantian.fact.StandardItem;
import cn.lantian.fact.TruckBan;
import cn.lantian.fact.WarningCondition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference tables of a ruleset, each known by its file name wherever it stands in the folder,
 * with the period each row is in force. The rules see the rows in force on the inspection's date.
 */
final class ReferenceTables {
    static final Map<String, Class<? extends Record>> BY_FILE_NAME = Map.ofEntries(
            Map.entry("standards.csv", StandardItem.class),
            Map.entry("parameters.csv", Parameter.class),
            Map.entry("jurisdictions.csv", JurisdictionStandard.class),
            Map.entry("alert-levels.csv", AlertStep.class),
            Map.entry("site-measures.csv", SiteMeasure.class),
            Map.entry("production-measures.csv", ProductionMeasure.class),
            Map.entry("truck-bans.csv", TruckBan.class),
            Map.entry("warning-criteria.csv", WarningCondition.class),
            Map.entry("legal-bases.csv", LawArticle.class),
            Map.entry("discretion-factors.csv", DiscretionFactor.class),
            Map.entry("campaign.csv", CampaignRule.class),
            Map.entry("key-project-breach.csv", BreachArticle.class),
            Map.entry("labels.csv", CodeLabel.class),
            Map.entry("phases.csv", Phase.class),
            Map.entry("monitoring-policy.csv", cn.lantian.fact.MonitoringPolicy.class),
            Map.entry("alarms.csv", cn.lantian.fact.AlarmRule.class));

    private final Map<Class<?>, List<CsvTable.Row<?>>> rows = new LinkedHashMap<>();
    /** The rule files' text by file name ("rules/dust/related-duties.drl"), for the checks of what rules read. */
    private final Map<String, String> ruleFiles = new LinkedHashMap<>();
    private final Map<LocalDate, Reference> byDate = new ConcurrentHashMap<>();
    private volatile Reference undated;

    void read(String file, String content, List<Diagnostic> problems) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        Class<? extends Record> type = BY_FILE_NAME.get(name);
        if (type == null) {
            problems.add(Diagnostic.error(file, 0, 0, "unknown table; known: " + String.join(", ", new TreeSet<>(BY_FILE_NAME.keySet()))));
            return;
        }
        rows.computeIfAbsent(type, t -> new ArrayList<>()).addAll(CsvTable.read(file, content, type, problems));
    }

    /** A rule file beside the tables: the checks look at the parameters it reads and the texts it shows. */
    void ruleFile(String file, String content) {
        ruleFiles.put(file, content);
    }

    Map<String, String> ruleFiles() {
        return ruleFiles;
    }

    @SuppressWarnings("unchecked")
    <T> List<CsvTable.Row<T>> rows(Class<T> type) {
        return (List<CsvTable.Row<T>>) (List<?>) rows.getOrDefault(type, List.of());
    }

    /** Every table's rows as read, by the table's row type, in the order the files were read. */
    Map<Class<?>, List<CsvTable.Row<?>>> allRows() {
        return java.util.Collections.unmodifiableMap(rows);
    }

    /** Every row, whatever its period: for the checks that look at a table as a whole. */
    <T> List<T> values(Class<T> type) {
        return rows(type).stream().map(CsvTable.Row::value).toList();
    }

    /** The rows in force on that day. Tables without dated rows give one shared answer for every day. */
    Reference at(LocalDate day) {
        Reference r = undated;
        if (r != null) {
            return r;
        }
        if (rows.values().stream().flatMap(List::stream).allMatch(row -> row.inForce().isAlways())) {
            r = build(null);
            undated = r;
            return r;
        }
        return byDate.computeIfAbsent(day, this::build);
    }

    private Reference build(LocalDate day) {
        return new Reference(in(StandardItem.class, day), in(Parameter.class, day), in(JurisdictionStandard.class, day),
                in(AlertStep.class, day), in(SiteMeasure.class, day), in(ProductionMeasure.class, day),
                in(TruckBan.class, day), in(WarningCondition.class, day), in(LawArticle.class, day),
                in(BreachArticle.class, day), in(CodeLabel.class, day))
                .withSuccessions(successions(day))
                .withPenaltyPolicy(in(DiscretionFactor.class, day), in(CampaignRule.class, day))
                .withMonitoring(in(cn.lantian.fact.MonitoringPolicy.class, day), in(cn.lantian.fact.AlarmRule.class, day));
    }

    /** For each article in force on the day that succeeds another from a dated first day: its predecessor's row. */
    private Map<String, LawSuccession> successions(LocalDate day) {
        Map<String, LawSuccession> out = new java.util.HashMap<>();
        for (CsvTable.Row<LawArticle> successor : rows(LawArticle.class)) {
            LawArticle s = successor.value();
            LocalDate from = successor.inForce().from();
            if (s.succeeds() == null || from == null || (day != null && !successor.inForce().covers(day))) {
                continue;
            }
            // the predecessor as it stood on the day before its successor began
            LocalDate lastDay = from.minusDays(1);
            rows(LawArticle.class).stream().filter(p -> p.value().code().equals(s.succeeds()) && p.inForce().covers(lastDay))
                    .map(CsvTable.Row::value).findFirst().ifPresent(p -> out.put(s.code(), new LawSuccession(p, from)));
        }
        return out;
    }

    private <T> List<T> in(Class<T> type, LocalDate day) {
        return rows(type).stream().filter(r -> day == null || r.inForce().covers(day)).map(CsvTable.Row::value).toList();
    }
}
