package cn.lantian.engine;

import cn.lantian.fact.AlertStep;
import cn.lantian.fact.BreachArticle;
import cn.lantian.fact.CampaignRule;
import cn.lantian.fact.CodeLabel;
import cn.lantian.fact.DiscretionFactor;
import cn.lantian.fact.JurisdictionStandard;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.ProductionMeasure;
import cn.lantian.fact.SiteMeasure;
import cn.lantian.fact.StandardItem;
import cn.lantian.fact.TruckBan;
import cn.lantian.fact.WarningCondition;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table-row coverage of a fixture run: every row of every table in the rules folder is reached by some
 * case, as every rule is fired by one, or its {@code noFixtureBecause} cell says why it needs none.
 *
 * <p>A row is reached when, while some case is decided, a lookup of the tables answers it
 * ({@code ref.parameterNamed(…)}, {@code ref.siteMeasuresFor(…)}, the jurisdiction's standard, the
 * article a decision or a fired rule cites, as it stands on the case's day…), a rule that fired matched it,
 * or a rule asked it a question and it said yes (a warning criterion a forecast meets); the calendar's zone
 * is reached by any case decided. A phase is reached when a rule of that phase fired. The labels table is
 * outside: its rows are words, and loading already holds every label to a code the rules, the tables or
 * the record define (no label for a code its kind does not have).
 */
public final class RowCoverage {
    /** The columns that name a row of each table, in the report ("name=pm10.hourlyLimit"). */
    private static final Map<Class<?>, List<String>> KEY = Map.ofEntries(
            Map.entry(StandardItem.class, List.of("standard", "item")),
            Map.entry(Parameter.class, List.of("name")),
            Map.entry(JurisdictionStandard.class, List.of("jurisdiction")),
            Map.entry(AlertStep.class, List.of("level")),
            Map.entry(SiteMeasure.class, List.of("siteClass", "level", "order", "activity")),
            Map.entry(ProductionMeasure.class, List.of("grade", "level")),
            Map.entry(TruckBan.class, List.of("grade", "level")),
            Map.entry(WarningCondition.class, List.of("level", "criterion", "comparison", "aqi")),
            Map.entry(LawArticle.class, List.of("code")),
            Map.entry(DiscretionFactor.class, List.of("factor", "fromValue", "level")),
            Map.entry(CampaignRule.class, List.of("code", "jurisdiction")),
            Map.entry(BreachArticle.class, List.of("article")),
            Map.entry(Phase.class, List.of("phase")),
            Map.entry(cn.lantian.fact.MonitoringPolicy.class, List.of("jurisdiction", "model")),
            Map.entry(cn.lantian.fact.AlarmRule.class, List.of("code")));

    private RowCoverage() {}

    /** A row no case reached and none exempts: its file, line and the cells that name it. */
    public record UnreachedRow(String file, int line, String key) {
        @Override
        public String toString() {
            return file + ":" + line + " " + key;
        }
    }

    /**
     * What the run reached: the rows held to coverage, those marked {@code noFixtureBecause}, and those
     * neither reached nor marked, in file and line order.
     */
    public record Result(int rows, int exempt, List<UnreachedRow> unreached) {}

    /** The coverage of a run that read {@code read} (by identity, see {@link cn.lantian.fact.TableReads}) and fired {@code firedRules}. */
    public static Result of(Ruleset ruleset, Set<Object> read, Set<String> firedRules) {
        Set<String> firedPhases = firedPhases(ruleset, firedRules);
        int rows = 0;
        int exempt = 0;
        List<UnreachedRow> unreached = new ArrayList<>();
        for (Map.Entry<Class<?>, List<CsvTable.Row<?>>> table : ruleset.tables().allRows().entrySet()) {
            if (table.getKey() == CodeLabel.class) {
                continue;
            }
            for (CsvTable.Row<?> row : table.getValue()) {
                rows++;
                boolean reached = row.value() instanceof Phase p ? firedPhases.contains(p.phase())
                        : read.contains(row.value()) || calendarZone(row.value()) && !read.isEmpty();
                if (reached) {
                    continue;
                }
                if (row.noFixtureBecause() != null) {
                    exempt++;
                } else {
                    unreached.add(new UnreachedRow(row.file(), row.line(), key(row)));
                }
            }
        }
        unreached.sort(Comparator.comparing(UnreachedRow::file).thenComparingInt(UnreachedRow::line));
        return new Result(rows, exempt, List.copyOf(unreached));
    }

    /**
     * The calendar's zone ({@code calendar.timeZone}) is read once, when the rules load, and every decision's
     * local time (its day, night hours, deadlines) is reckoned in it: any case decided reaches it.
     */
    private static boolean calendarZone(Object row) {
        return row instanceof Parameter p && p.name().equals(RulesetLoader.TIME_ZONE);
    }

    /** The phases some fired rule belongs to (its {@code @phase}, else the table's default phase). */
    private static Set<String> firedPhases(Ruleset ruleset, Set<String> firedRules) {
        String fallback = ruleset.tables().values(Phase.class).stream().filter(p -> Boolean.TRUE.equals(p.defaultPhase()))
                .map(Phase::phase).findFirst().orElse(null);
        Set<String> out = new HashSet<>();
        for (RuleInfo r : ruleset.rules()) {
            if (firedRules.contains(r.name())) {
                String named = r.metadata().get(RulePhases.METADATA);
                out.add(named == null ? fallback : named.replaceAll("^\"|\"$", ""));
            }
        }
        return out;
    }

    /** "name=pm10.hourlyLimit", "grade=B, level=ORANGE", with the period of a dated row. */
    private static String key(CsvTable.Row<?> row) {
        Object value = row.value();
        List<String> columns = KEY.getOrDefault(value.getClass(), List.of());
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            if (!columns.isEmpty() && !columns.contains(c.getName())) {
                continue;
            }
            try {
                Object cell = c.getAccessor().invoke(value);
                if (cell != null) {
                    parts.add(c.getName() + "=" + cell);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (columns.isEmpty()) {
                break; // a table with no key named here: its first column
            }
        }
        String key = String.join(", ", parts);
        return row.inForce().isAlways() ? key : key + " (in force " + row.inForce() + ")";
    }
}
