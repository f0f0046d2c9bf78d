package cn.lantian.selfcheck;

import cn.lantian.engine.Decision;
import cn.lantian.engine.ItemCatalogue;
import cn.lantian.engine.LabelKinds;
import cn.lantian.engine.ParameterText;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.Order;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Reference;
import cn.lantian.fact.SubjectKind;
import cn.lantian.fact.Violation;
import cn.lantian.selfcheck.SelfCheckReport.Gap;
import cn.lantian.selfcheck.SelfCheckReport.ItemStatus;
import cn.lantian.selfcheck.SelfCheckReport.LevelReadiness;
import cn.lantian.selfcheck.SelfCheckReport.Status;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a subject's record under every alert level and says where it stands. The items come from the
 * rules' own metadata through {@link ItemCatalogue}, the same catalogue the published checklists use.
 */
public final class SelfChecker {
    private SelfChecker() {}

    /** The record as if inspected at its own time (the reader gives a record without one the time "now"). */
    public static SelfCheckReport check(Ruleset ruleset, Inspection record) {
        OffsetDateTime at = record.inspectedAt();
        List<LevelReadiness> levels = new ArrayList<>();
        java.util.Map<String, cn.lantian.engine.DecisionWarning> warnings = new java.util.LinkedHashMap<>();
        for (AlertLevel level : AlertLevel.values()) {
            Decision d = Evaluator.evaluate(ruleset, record.asIf(at, level));
            long exposure = d.penalties().stream().mapToLong(Penalty::recommendedFineYuan).sum();
            levels.add(new LevelReadiness(level, d.compliant(), d.violations(), d.orders(), d.penalties(), exposure,
                    d.warnings()));
            d.warnings().forEach(w -> warnings.putIfAbsent(w.code() + " " + w.legalBasis(), w));
        }
        List<ItemStatus> items = items(ruleset, record, levels);
        return new SelfCheckReport(ruleset.version(), record.subject().id(), record.subject().standard(), at,
                levels, items, gaps(items, levels), List.copyOf(warnings.values()));
    }

    private static List<ItemStatus> items(Ruleset ruleset, Inspection record, List<LevelReadiness> levels) {
        Reference reference = ruleset.referenceAt(ruleset.calendar().dateOf(record.inspectedAt()));
        Map<String, RuleInfo> byCode = new LinkedHashMap<>();
        for (String code : itemCodes(ruleset, record)) {
            ruleset.rules().stream().filter(r -> code.equals(r.code())).findFirst().ifPresent(r -> byCode.put(code, r));
        }
        List<ItemStatus> items = new ArrayList<>();
        for (RuleInfo rule : byCode.values()) {
            List<AlertLevel> failingAt = new ArrayList<>();
            String message = null;
            for (LevelReadiness l : levels) {
                for (Violation v : l.violations()) {
                    if (v.code().equals(rule.code())) {
                        if (!failingAt.contains(l.alertLevel())) {
                            failingAt.add(l.alertLevel());
                        }
                        message = message == null ? v.message() : message;
                    }
                }
            }
            Status status;
            String condition;
            if (!failingAt.isEmpty()) {
                status = Status.FAIL;
                condition = message;
            } else if (!ItemCatalogue.recorded(record, fields(ruleset, rule.code()))) {
                status = Status.NOT_INSPECTED;
                condition = "未记录：" + String.join("、", fields(ruleset, rule.code()).stream()
                        .map(f -> reference.label(LabelKinds.FIELD, f)).distinct().toList());
            } else {
                status = Status.PASS;
                condition = "符合：" + criterion(ruleset, reference, rule.code());
            }
            items.add(new ItemStatus(rule.code(), rule.title(), reference.basisInForce(rule.legalBasis()), status, failingAt,
                    condition));
        }
        return items;
    }

    /** A site: its standard's items, then the duties of every site; a plant: the enterprise checks. */
    private static Set<String> itemCodes(Ruleset ruleset, Inspection record) {
        Reference reference = ruleset.referenceAt(ruleset.calendar().dateOf(record.inspectedAt()));
        Set<String> codes = new LinkedHashSet<>(record.subject().kind() == SubjectKind.SITE
                ? ItemCatalogue.siteItems(ruleset, reference, record.subject().standard())
                : ItemCatalogue.enterpriseItems(ruleset));
        if (record.history() != null && !record.history().openOrders().isEmpty()) {
            codes.addAll(ItemCatalogue.followUpItems(ruleset));
        }
        return codes;
    }

    private static List<String> fields(Ruleset ruleset, String code) {
        return ItemCatalogue.fields(ruleset, code);
    }

    /** The item's pass criteria, with the thresholds in force on the record's day ({pm10.hourlyLimit} → 150 µg/m³). */
    private static String criterion(Ruleset ruleset, Reference reference, String code) {
        List<String> criteria = ParameterText.fill(ItemCatalogue.metadata(ruleset, code, "criterion"), reference);
        return criteria.isEmpty() ? "无违法情形" : String.join("；", criteria);
    }

    /** Failing items, the largest fine first, then those that stand beside stop orders, then the most levels. */
    private static List<Gap> gaps(List<ItemStatus> items, List<LevelReadiness> levels) {
        Set<String> codes = new LinkedHashSet<>();
        items.stream().filter(i -> i.status() == Status.FAIL).forEach(i -> codes.add(i.code()));
        levels.forEach(l -> l.violations().forEach(v -> codes.add(v.code())));
        List<Gap> gaps = new ArrayList<>();
        for (String code : codes) {
            long maxFine = 0;
            List<AlertLevel> failing = new ArrayList<>();
            List<AlertLevel> beside = new ArrayList<>();
            Violation first = null;
            for (LevelReadiness l : levels) {
                Violation v = l.violations().stream().filter(x -> x.code().equals(code)).findFirst().orElse(null);
                if (v == null) {
                    continue;
                }
                first = first == null ? v : first;
                failing.add(l.alertLevel());
                if (l.orders().stream().map(Order::type).anyMatch(t -> t.name().startsWith("STOP_"))) {
                    beside.add(l.alertLevel());
                }
                for (Penalty p : l.penalties()) {
                    if (p.violations().contains(code)) {
                        maxFine = Math.max(maxFine, p.recommendedFineYuan());
                    }
                }
            }
            gaps.add(new Gap(code, first.title(), first.legalBasis(), maxFine, failing, beside, first.message()));
        }
        gaps.sort(Comparator.comparingLong(Gap::maxFineYuan).reversed()
                .thenComparing(g -> g.stopOrderLevels().size(), Comparator.reverseOrder())
                .thenComparing(g -> g.failingAt().size(), Comparator.reverseOrder()));
        return gaps;
    }
}
