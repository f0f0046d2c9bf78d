package cn.lantian.checklist;

import cn.lantian.checklist.Checklist.Basis;
import cn.lantian.checklist.Checklist.Group;
import cn.lantian.checklist.Checklist.Item;
import cn.lantian.checklist.Checklist.Language;
import cn.lantian.checklist.Checklist.Measure;
import cn.lantian.checklist.Checklist.Measures;
import cn.lantian.checklist.Checklist.Threshold;
import cn.lantian.engine.Decision;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.ItemCatalogue;
import cn.lantian.engine.LabelKinds;
import cn.lantian.engine.ParameterText;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Activity;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Enterprise;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Order;
import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.ProductionMeasure;
import cn.lantian.fact.Reference;
import cn.lantian.fact.Site;
import cn.lantian.fact.StandardItem;
import cn.lantian.fact.Subject;
import cn.lantian.fact.SubjectKind;
import cn.lantian.fact.Violation;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Publishes checklists from the loaded rules. The items come from {@link ItemCatalogue}; which of them
 * an alert level adds, and the measures at that level, come from running probe records through the rules:
 * a site with every activity under way (what the level's stop orders would catch) and a plant of the grade
 * at full load, using every kind of truck, with an empty emergency plan and on the staggered-production
 * list (what the level's production and transport measures would catch). An item that such a probe fails
 * at some level but not with no alert is an alert item, listed only at the levels whose probe fails it.
 */
public final class Checklists {
    private static final String PROBE = "checklist-probe";

    private Checklists() {}

    /** The query of a checklist request, each value checked and its parameter named when bad. */
    public record Query(SubjectKind kind, AlertLevel level, Language lang) {

        public static Query parse(String kind, String alertLevel, String lang) {
            List<FieldError> errors = new ArrayList<>();
            Query q = new Query(value("kind", kind, SubjectKind.class, SubjectKind.SITE, errors),
                    value("alertLevel", alertLevel, AlertLevel.class, AlertLevel.NONE, errors),
                    value("lang", lang, Language.class, Language.zh, errors));
            if (!errors.isEmpty()) {
                throw new InvalidRequestException("The checklist request is invalid", errors);
            }
            return q;
        }

        private static <E extends Enum<E>> E value(String name, String given, Class<E> type, E absent,
                                                   List<FieldError> errors) {
            if (given == null || given.isEmpty()) {
                return absent;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(given)) {
                    return e;
                }
            }
            errors.add(new FieldError(name, "unknown value \"" + given + "\"; expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
            return absent;
        }
    }

    /** The checklists the rules publish on that day (the jurisdiction's calendar). */
    public static ChecklistIndex index(Ruleset ruleset, java.time.LocalDate day) {
        Reference ref = ruleset.referenceAt(day);
        return new ChecklistIndex(ruleset.version(), ref.standards(), grades(ref).stream().map(Enum::name).toList(),
                ref.alertSteps().stream().map(s -> new ChecklistIndex.Level(s.level(), ref.label(LabelKinds.ALERT_LEVEL, s.level()))).toList(),
                ref.legalBases().stream().map(l -> new Basis(l.code(), l.title(), l.isVerified())).distinct().toList());
    }

    /**
     * The checklist named {@code name}: a standard for {@code kind=SITE}, a performance grade for ENTERPRISE,
     * as the rules and tables in force at {@code at} state it.
     */
    public static Checklist of(Ruleset ruleset, String name, Query query, OffsetDateTime at) {
        Reference ref = ruleset.referenceAt(ruleset.calendar().dateOf(at));
        return query.kind() == SubjectKind.SITE ? site(ruleset, ref, name, query, at) : plant(ruleset, ref, name, query, at);
    }

    private static Checklist site(Ruleset ruleset, Reference ref, String standard, Query q, OffsetDateTime at) {
        List<String> standards = ref.standards();
        if (!standards.contains(standard)) {
            throw new UnknownChecklistException("unknown standard \"" + standard + "\"; defined in rules/: "
                    + String.join(", ", standards));
        }
        Map<AlertLevel, Decision> probes = byLevel(level -> Evaluator.evaluate(ruleset,
                siteProbe(standard, level, at, false, List.of(Activity.values()))));
        Set<String> alertItems = alertItems(List.of(probes));
        Set<String> failedHere = codes(probes.get(q.level()));
        Set<String> ofStandard = new LinkedHashSet<>(ItemCatalogue.standardItems(ref, standard));
        List<Item> items = new ArrayList<>();
        for (String code : ItemCatalogue.siteItems(ruleset, ref, standard)) {
            if (alertItems.contains(code) && !failedHere.contains(code)) {
                continue;
            }
            Group group = ofStandard.contains(code) ? Group.STANDARD : alertItems.contains(code) ? Group.ALERT : Group.DUTY;
            Basis requiredBy = group != Group.STANDARD ? null : ref.standardItems().stream()
                    .filter(s -> s.standard().equals(standard) && s.item().equals(code)).map(StandardItem::legalBasis)
                    .findFirst().map(b -> basis(ref, b)).orElse(null);
            items.add(item(ruleset, ref, code, group, requiredBy, q.lang()));
        }
        items.sort(Comparator.comparing(Item::group));
        Decision keyProject = Evaluator.evaluate(ruleset, siteProbe(standard, q.level(), at, true, List.of()));
        return new Checklist(ruleset.version(), SubjectKind.SITE, standard, null, q.level(), alertTitle(ref, q.level()),
                q.lang(), items, List.of(measures(ref, "ORDINARY", probes.get(q.level())),
                        measures(ref, "KEY_PROJECT", keyProject)));
    }

    private static Checklist plant(Ruleset ruleset, Reference ref, String name, Query q, OffsetDateTime at) {
        List<PerformanceGrade> grades = grades(ref);
        PerformanceGrade grade = grades.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownChecklistException("unknown performance grade \"" + name
                        + "\"; graded in rules/: " + grades.stream().map(Enum::name).collect(Collectors.joining(", "))));
        // Alert items are those of any grade, so that a grade with no measure at a level does not list them.
        Map<PerformanceGrade, Map<AlertLevel, Decision>> byGrade = new EnumMap<>(PerformanceGrade.class);
        for (PerformanceGrade g : grades) {
            byGrade.put(g, byLevel(level -> Evaluator.evaluate(ruleset, plantProbe(g, level, at, true))));
        }
        Set<String> alertItems = alertItems(List.copyOf(byGrade.values()));
        Map<AlertLevel, Decision> probes = byGrade.get(grade);
        Set<String> failedHere = codes(probes.get(q.level()));
        List<Item> items = new ArrayList<>();
        for (String code : ItemCatalogue.enterpriseItems(ruleset)) {
            if (alertItems.contains(code) && !failedHere.contains(code)) {
                continue;
            }
            items.add(item(ruleset, ref, code, alertItems.contains(code) ? Group.ALERT : Group.DUTY, null, q.lang()));
        }
        items.sort(Comparator.comparing(Item::group));
        Decision ordinary = Evaluator.evaluate(ruleset, plantProbe(grade, q.level(), at, false));
        return new Checklist(ruleset.version(), SubjectKind.ENTERPRISE, null, grade, q.level(),
                alertTitle(ref, q.level()), q.lang(), items, List.of(measures(ref, "ORDINARY", ordinary),
                        measures(ref, "STAGGERED_PRODUCTION", probes.get(q.level()))));
    }

    /** The grades the production measures table holds, in its order. */
    private static List<PerformanceGrade> grades(Reference ref) {
        return ref.productionMeasures().stream().map(ProductionMeasure::grade).distinct().toList();
    }

    private static Map<AlertLevel, Decision> byLevel(Function<AlertLevel, Decision> probe) {
        Map<AlertLevel, Decision> decisions = new EnumMap<>(AlertLevel.class);
        for (AlertLevel level : AlertLevel.values()) {
            decisions.put(level, probe.apply(level));
        }
        return decisions;
    }

    /** Codes some probe fails under an alert but not with none. */
    private static Set<String> alertItems(List<Map<AlertLevel, Decision>> probes) {
        Set<String> codes = new LinkedHashSet<>();
        for (Map<AlertLevel, Decision> p : probes) {
            Set<String> withoutAlert = codes(p.get(AlertLevel.NONE));
            p.values().forEach(d -> codes(d).stream().filter(c -> !withoutAlert.contains(c)).forEach(codes::add));
        }
        return codes;
    }

    private static Set<String> codes(Decision d) {
        return d.violations().stream().map(Violation::code).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Item item(Ruleset ruleset, Reference ref, String code, Group group, Basis requiredBy, Language lang) {
        // Every rule of the code, those without @record too: a standard may hold an item whose rules state no fields.
        List<RuleInfo> rules = ruleset.rules().stream().filter(r -> code.equals(r.code())).toList();
        List<String> check = ItemCatalogue.metadata(ruleset, code, "check");
        List<String> criterion = ItemCatalogue.metadata(ruleset, code, "criterion");
        // The texts name thresholds as placeholders ({pm10.hourlyLimit}): shown with the value in force on the day.
        Set<String> named = new LinkedHashSet<>();
        Stream.concat(check.stream(), criterion.stream()).forEach(t -> named.addAll(ParameterText.names(t)));
        List<Threshold> thresholds = ref.parameters().stream().filter(p -> named.contains(p.name()))
                .map(p -> new Threshold(p.name(), p.value(), p.unit() == null ? "" : p.unit(), p.title())).toList();
        check = ParameterText.fill(check, ref);
        criterion = ParameterText.fill(criterion, ref);
        // The rules state their criteria in English only as their names.
        List<String> stated = lang == Language.en ? rules.stream().map(RuleInfo::name).distinct().toList() : criterion;
        RuleInfo first = rules.get(0);
        return new Item(code, first.title(), group, basis(ref, first.legalBasis()), requiredBy, check,
                ItemCatalogue.fields(ruleset, code), stated, thresholds);
    }

    private static Measures measures(Reference ref, String appliesTo, Decision probe) {
        return new Measures(appliesTo, probe.orders().stream().filter(o -> o.alertLevel() != null)
                .map(o -> measure(ref, o)).toList());
    }

    private static Measure measure(Reference ref, Order o) {
        return new Measure(o.type(), o.activity(), o.limitPercent(), o.maxBannedStandard(), basis(ref, o.legalBasis()),
                o.reason(), o.rule());
    }

    /** The basis in force on the checklist's day for the article a rule cites (a repealed article's successor). */
    private static Basis basis(Reference ref, String code) {
        String inForce = ref.basisInForce(code);
        LawArticle article = ref.article(inForce).orElse(null);
        return new Basis(inForce, article == null ? null : article.title(), article == null || article.isVerified());
    }

    private static String alertTitle(Reference ref, AlertLevel level) {
        return ref.alertSteps().stream().filter(s -> s.level() == level).map(s -> ref.label(LabelKinds.ALERT_LEVEL, level))
                .findFirst().orElse(null);
    }

    private static Inspection siteProbe(String standard, AlertLevel level, OffsetDateTime at, boolean keyProject,
                                        List<Activity> activities) {
        Subject subject = new Subject(SubjectKind.SITE, PROBE, null, null, standard, keyProject, false);
        Site site = new Site(activities, false, null, null, null, null, null, null, null, null, null, null, null);
        return new Inspection(PROBE, at, level, subject, site, null, null);
    }

    private static Inspection plantProbe(PerformanceGrade grade, AlertLevel level, OffsetDateTime at, boolean staggered) {
        Subject subject = new Subject(SubjectKind.ENTERPRISE, PROBE, null, null, null, false, false);
        Enterprise plant = new Enterprise(PROBE, grade, false, staggered, 100.0, new Enterprise.Trucks(1, 1, 1, 1),
                false, false, null, Map.of());
        return new Inspection(PROBE, at, level, subject, null, plant, null);
    }
}
