package cn.lantian.fact;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reference tables of a ruleset (the CSV files in rules/), read-only and shared by every
 * evaluation. Rules reach them as the global {@code ref}.
 *
 * <p>Besides whole tables, it answers the lookups rules make by key ({@code parameterNamed},
 * {@code itemsOfStandard}, …): a rule that writes {@code from ref.parameterNamed("x")} matches the one
 * row it needs, where {@code from ref.parameters} would make a fact of every row on every evaluation.
 * A lookup never decides: each returns the rows a rule would have matched by the same key.
 */
public final class Reference {
    /** The kind whose labels are the titles of the legal bases table, not rows of the labels table. */
    public static final String LEGAL_BASIS = "LEGAL_BASIS";

    private final List<StandardItem> standardItems;
    private final List<Parameter> parameters;
    private final List<JurisdictionStandard> jurisdictions;
    private final List<AlertStep> alertSteps;
    private final List<SiteMeasure> siteMeasures;
    private final List<ProductionMeasure> productionMeasures;
    private final List<TruckBan> truckBans;
    private final List<WarningCondition> warningConditions;
    private final List<LawArticle> legalBases;
    private final List<BreachArticle> breachArticles;
    private final List<CodeLabel> labels;
    private final List<DiscretionFactor> discretionFactors;
    private final List<CampaignRule> campaignRules;
    private final Map<String, List<DiscretionFactor>> factorsDescending;
    private final Map<String, List<CampaignRule>> campaignByCode;

    private final Map<String, List<Parameter>> parametersByName;
    private final Map<String, List<StandardItem>> itemsByStandard;
    private final Map<String, List<LawArticle>> articlesByNational;
    private final Map<String, List<SiteMeasure>> siteMeasuresByKey;
    private final Map<String, List<ProductionMeasure>> productionMeasuresByKey;
    private final Map<String, List<TruckBan>> truckBansByKey;
    private final Map<AlertLevel, List<AlertStep>> stepsByLevel;
    private final Map<String, List<BreachArticle>> breachByArticle;
    private final Map<String, CodeLabel> labelByKey;
    private final Map<String, Map<String, String>> labelsByKind;
    private final Map<String, LawArticle> articleByCode;
    private final Map<String, String> nationalInForce;
    private final Map<String, String> lawNotes;
    private final Map<String, LawSuccession> successions;
    /** The online monitors' tables (monitoring/): set once by {@link #withMonitoring}, right after the tables are built. */
    private List<MonitoringPolicy> monitoringPolicies = List.of();
    private Map<String, List<AlarmRule>> alarmRulesByCode = Map.of();
    private java.time.ZoneId zone;

    public Reference(List<StandardItem> standardItems, List<Parameter> parameters,
                     List<JurisdictionStandard> jurisdictions, List<AlertStep> alertSteps,
                     List<SiteMeasure> siteMeasures, List<ProductionMeasure> productionMeasures,
                     List<TruckBan> truckBans, List<WarningCondition> warningConditions,
                     List<LawArticle> legalBases, List<BreachArticle> breachArticles) {
        this(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures, truckBans,
                warningConditions, legalBases, breachArticles, List.of());
    }

    public Reference(List<StandardItem> standardItems, List<Parameter> parameters,
                     List<JurisdictionStandard> jurisdictions, List<AlertStep> alertSteps,
                     List<SiteMeasure> siteMeasures, List<ProductionMeasure> productionMeasures,
                     List<TruckBan> truckBans, List<WarningCondition> warningConditions,
                     List<LawArticle> legalBases, List<BreachArticle> breachArticles,
                     List<CodeLabel> labels) {
        this(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures, truckBans,
                warningConditions, legalBases, breachArticles, labels, Map.of(), Map.of(), List.of(), List.of());
    }

    private Reference(List<StandardItem> standardItems, List<Parameter> parameters,
                      List<JurisdictionStandard> jurisdictions, List<AlertStep> alertSteps,
                      List<SiteMeasure> siteMeasures, List<ProductionMeasure> productionMeasures,
                      List<TruckBan> truckBans, List<WarningCondition> warningConditions,
                      List<LawArticle> legalBases, List<BreachArticle> breachArticles,
                      List<CodeLabel> labels, Map<String, String> lawNotes, Map<String, LawSuccession> successions,
                      List<DiscretionFactor> discretionFactors, List<CampaignRule> campaignRules) {
        this.discretionFactors = List.copyOf(discretionFactors);
        this.campaignRules = List.copyOf(campaignRules);
        factorsDescending = index(discretionFactors.stream().filter(f -> f.fromValue() != null)
                .sorted(Comparator.comparingInt(DiscretionFactor::fromValue).reversed()).toList(), DiscretionFactor::factor);
        campaignByCode = index(campaignRules, CampaignRule::code);
        this.standardItems = List.copyOf(standardItems);
        this.parameters = List.copyOf(parameters);
        this.jurisdictions = List.copyOf(jurisdictions);
        this.alertSteps = List.copyOf(alertSteps);
        this.siteMeasures = List.copyOf(siteMeasures);
        this.productionMeasures = List.copyOf(productionMeasures);
        this.truckBans = List.copyOf(truckBans);
        this.warningConditions = List.copyOf(warningConditions);
        this.legalBases = List.copyOf(legalBases);
        this.breachArticles = List.copyOf(breachArticles);
        this.labels = List.copyOf(labels);
        Map<String, CodeLabel> byKey = new java.util.HashMap<>();
        Map<String, Map<String, String>> byKind = new java.util.LinkedHashMap<>();
        for (CodeLabel l : labels) {
            byKey.putIfAbsent(key(l.kind(), l.code()), l);
            byKind.computeIfAbsent(l.kind(), k -> new java.util.LinkedHashMap<>()).putIfAbsent(l.code(), l.label());
        }
        Map<String, String> bases = new java.util.LinkedHashMap<>();
        legalBases.forEach(b -> bases.putIfAbsent(b.code(), b.title()));
        byKind.putIfAbsent(LEGAL_BASIS, bases);
        byKind.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        labelByKey = Collections.unmodifiableMap(byKey);
        labelsByKind = Collections.unmodifiableMap(byKind);
        breachByArticle = index(breachArticles, BreachArticle::article);
        parametersByName = index(parameters, Parameter::name);
        itemsByStandard = index(standardItems, StandardItem::standard);
        articlesByNational = index(legalBases, LawArticle::lineage);
        siteMeasuresByKey = index(siteMeasures, m -> key(m.siteClass(), m.level()));
        productionMeasuresByKey = index(productionMeasures, m -> key(m.grade(), m.level()));
        truckBansByKey = index(truckBans, b -> key(b.grade(), b.level()));
        stepsByLevel = index(alertSteps, AlertStep::level);
        Map<String, LawArticle> byCode = new java.util.HashMap<>();
        Map<String, String> national = new java.util.HashMap<>();
        for (LawArticle a : legalBases) {
            byCode.putIfAbsent(a.code(), a);
            if (a.jurisdiction() == null) {
                national.putIfAbsent(a.lineage(), a.code());
            }
        }
        articleByCode = Collections.unmodifiableMap(byCode);
        nationalInForce = Collections.unmodifiableMap(national);
        this.lawNotes = Map.copyOf(lawNotes);
        this.successions = Map.copyOf(successions);
    }

    /** These tables knowing, for each article in force that succeeds another, its predecessor and first day. */
    public Reference withSuccessions(Map<String, LawSuccession> bySuccessor) {
        return new Reference(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures,
                truckBans, warningConditions, legalBases, breachArticles, labels, lawNotes, bySuccessor,
                discretionFactors, campaignRules);
    }

    /** These tables with the discretion factor table and the campaign table. */
    public Reference withPenaltyPolicy(List<DiscretionFactor> factors, List<CampaignRule> campaign) {
        return new Reference(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures,
                truckBans, warningConditions, legalBases, breachArticles, labels, lawNotes, successions,
                factors, campaign);
    }

    /**
     * The article this one succeeds and the day it began, when it is a successor in force (EEC-AIR-123 →
     * APPCL-123 until 2026-08-14): rules split a continuing conduct at that day. None for any other article.
     */
    public List<LawSuccession> succession(String code) {
        LawSuccession s = code == null ? null : successions.get(code);
        if (s != null) {
            TableReads.read(s.predecessor());
        }
        return s == null ? List.of() : List.of(s);
    }


    /** These tables with the online monitors' policy and alarm tables. */
    public Reference withMonitoring(List<MonitoringPolicy> policies, List<AlarmRule> alarms) {
        Reference r = new Reference(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures,
                truckBans, warningConditions, legalBases, breachArticles, labels, lawNotes, successions,
                discretionFactors, campaignRules);
        r.monitoringPolicies = List.copyOf(policies);
        r.alarmRulesByCode = index(alarms, AlarmRule::code);
        return r;
    }

    /**
     * The monitoring policy of a jurisdiction: its own row of {@code monitoring-policy.csv}, else the default row
     * (no jurisdiction); none when the table has neither.
     */
    public List<MonitoringPolicy> monitoringPolicy(String jurisdiction) {
        MonitoringPolicy row = monitoringPolicies.stream().filter(p -> jurisdiction != null && jurisdiction.equals(p.jurisdiction()))
                .findFirst().orElseGet(() -> monitoringPolicies.stream().filter(p -> p.jurisdiction() == null).findFirst().orElse(null));
        TableReads.read(row);
        return row == null ? List.of() : List.of(row);
    }

    public List<MonitoringPolicy> monitoringPolicies() {
        return monitoringPolicies;
    }

    /** The alarm table's row of an alarm code: its article and the hours the case it opens gives the site. */
    public List<AlarmRule> alarmRule(String code) {
        return TableReads.read(alarmRulesByCode.getOrDefault(code, List.of()));
    }

    /** The rules' calendar zone ({@code calendar.timeZone}), UTC when the tables name none. */
    public java.time.ZoneId zone() {
        java.time.ZoneId z = zone;
        if (z == null) {
            z = parametersByName.getOrDefault("calendar.timeZone", List.of()).stream().findFirst()
                    .<java.time.ZoneId>map(p -> java.time.ZoneId.of(p.value())).orElse(java.time.ZoneOffset.UTC);
            zone = z;
        }
        return z;
    }

    /** The local calendar day of an instant (epoch milliseconds), "2026-12-14". */
    public String dayOf(long millis) {
        return java.time.Instant.ofEpochMilli(millis).atZone(zone()).toLocalDate().toString();
    }

    /** The local hour an instant falls in, by its start: "09" for 09:00-10:00. */
    public String hourOf(long millis) {
        return String.format("%02d", java.time.Instant.ofEpochMilli(millis).atZone(zone()).getHour());
    }

    /** The start of the local hour an instant falls in, in epoch milliseconds. */
    public long hourStartOf(long millis) {
        return java.time.Instant.ofEpochMilli(millis).atZone(zone()).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .toInstant().toEpochMilli();
    }

    /** A time as people read it in the rules' calendar: "2026-12-14 09:30". */
    public String localTime(long millis) {
        return java.time.Instant.ofEpochMilli(millis).atZone(zone()).toLocalDateTime().toString().replace('T', ' ');
    }

    /**
     * The moment {@code minutes} of working time (the policy's {@code workFrom}–{@code workTo}, local) have passed
     * since {@code from} (epoch milliseconds): time outside working hours does not count.
     */
    public long workingTimeReached(MonitoringPolicy policy, long from, int minutes) {
        java.time.LocalTime start = java.time.LocalTime.parse(policy.workFrom());
        java.time.LocalTime end = java.time.LocalTime.parse(policy.workTo());
        java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(from).atZone(zone());
        long left = minutes * 60_000L;
        for (int day = 0; day < 400 && left > 0; day++) {
            java.time.ZonedDateTime dayStart = t.toLocalDate().atTime(start).atZone(zone());
            java.time.ZonedDateTime dayEnd = t.toLocalDate().atTime(end).atZone(zone());
            java.time.ZonedDateTime from1 = t.isAfter(dayStart) ? t : dayStart;
            if (from1.isBefore(dayEnd)) {
                long span = java.time.Duration.between(from1, dayEnd).toMillis();
                if (span >= left) {
                    return from1.toInstant().toEpochMilli() + left;
                }
                left -= span;
            }
            t = t.toLocalDate().plusDays(1).atStartOfDay(zone());
        }
        return Long.MAX_VALUE;
    }

    /** Rows by key, read-only; asking for a key no row has (null included) finds none. */
    private static <K, T> Map<K, List<T>> index(List<T> rows, Function<T, K> key) {
        return Collections.unmodifiableMap(rows.stream().collect(Collectors.groupingBy(key, Collectors.toUnmodifiableList())));
    }

    private static String key(Object a, Object b) {
        return a + "\0" + b;
    }

    public List<StandardItem> standardItems() { return standardItems; }
    public List<Parameter> parameters() { return parameters; }
    public List<JurisdictionStandard> jurisdictions() { return jurisdictions; }
    public List<AlertStep> alertSteps() { return alertSteps; }
    public List<SiteMeasure> siteMeasures() { return siteMeasures; }
    public List<ProductionMeasure> productionMeasures() { return productionMeasures; }
    public List<TruckBan> truckBans() { return truckBans; }
    public List<WarningCondition> warningConditions() { return warningConditions; }
    public List<LawArticle> legalBases() { return legalBases; }
    public List<BreachArticle> breachArticles() { return breachArticles; }
    public List<CodeLabel> labels() { return labels; }

    /**
     * The Chinese name of a code of a kind, as the labels table gives it ({@code ref.label("ACTIVITY", $a)}
     * is 土方作业 for EARTHWORK); a legal basis ({@code LEGAL_BASIS}) by its article's title. A code the
     * table does not name stands for itself, so that a message never loses what it says.
     */
    public String label(String kind, Object code) {
        if (code == null) {
            return "";
        }
        String c = code instanceof Enum<?> e ? e.name() : code.toString();
        if (LEGAL_BASIS.equals(kind)) {
            c = basisInForce(c);
        }
        CodeLabel l = labelByKey.get(key(kind, c));
        if (l != null) {
            return l.label();
        }
        return labelsByKind.getOrDefault(kind, Map.of()).getOrDefault(c, c);
    }

    /** The unit of a field of the record ({@code FIELD} rows), or null when it has none. */
    public String unitOf(String field) {
        CodeLabel l = labelByKey.get(key("FIELD", field));
        return l == null || l.unit() == null || l.unit().isBlank() ? null : l.unit();
    }

    /** Every label by kind and code, in the table's order; legal bases by their titles. */
    public Map<String, Map<String, String>> labelsByKind() {
        return labelsByKind;
    }

    /**
     * The key-project breach row of an article: present when violations under that article are dust
     * violations that put a key project in breach.
     */
    public List<BreachArticle> breachArticle(String article) {
        return TableReads.read(breachByArticle.getOrDefault(article, List.of()));
    }

    /** The parameters row of that name (none when the tables lack it, and the rule reading it stays silent). */
    public List<Parameter> parameterNamed(String name) {
        return TableReads.read(parametersByName.getOrDefault(name, List.of()));
    }

    /** The standards rows of one standard: the items it holds a site to. */
    public List<StandardItem> itemsOfStandard(String standard) {
        return TableReads.read(itemsByStandard.getOrDefault(standard, List.of()));
    }

    /**
     * The legal-bases rows an article's violations may be decided under: the article itself and the local
     * articles that name it in {@code overrides}.
     */
    public List<LawArticle> articlesFor(String national) {
        return TableReads.read(articlesByNational.getOrDefault(national, List.of()));
    }

    /**
     * The article in force on the day for one the rules cite: the article itself while it is in force, its
     * successor once it is repealed (APPCL-115 → EEC-AIR-115 from 2026-08-15), a local article as it is.
     * Violations, orders and checklists cite what this says; an unknown code is returned as it is.
     */
    public String basisInForce(String code) {
        if (code == null) {
            return null;
        }
        LawArticle own = articleByCode.get(code);
        if (own != null) {
            TableReads.read(own);
            return own.code();
        }
        String inForce = nationalInForce.getOrDefault(code, code);
        if (TableReads.collecting()) {
            TableReads.read(articleByCode.get(inForce));
        }
        return inForce;
    }

    /** The legal-bases row of that code in force on the day (after {@link #basisInForce}), if any. */
    public Optional<LawArticle> article(String code) {
        return TableReads.read(Optional.ofNullable(articleByCode.get(basisInForce(code))));
    }

    /** Why an article's lineage is decided under the law it is (APL-37), or "" when no transition applies. */
    public String lawNote(String lineage) {
        LawArticle own = articleByCode.get(lineage);
        return lawNotes.getOrDefault(own == null ? lineage : own.lineage(), "");
    }

    /**
     * These tables (the conduct's day) with the law applied to a decision made on {@code decision}'s day
     * (行政处罚法 art. 37, 从旧兼从轻): each national article in force on the conduct's day stays unless the
     * decision's day has another article in its lineage that punishes more lightly; {@code note} says, for
     * each lineage where the two differ, which was chosen and why ({@code note.apply(old, new, newApplies)}).
     */
    public Reference decidedOn(Reference decision, NoteMaker note) {
        if (decision == this) {
            return this;
        }
        List<LawArticle> chosen = new java.util.ArrayList<>();
        Map<String, String> notes = new java.util.HashMap<>();
        for (LawArticle old : legalBases) {
            if (old.jurisdiction() != null) {
                chosen.add(old);
                continue;
            }
            String later = decision.nationalInForce.get(old.lineage());
            LawArticle replacement = later == null ? null : decision.articleByCode.get(later);
            if (replacement == null || replacement.code().equals(old.code())) {
                chosen.add(old);
                continue;
            }
            boolean lighter = replacement.lighterThan(old);
            chosen.add(lighter ? replacement : old);
            notes.put(old.lineage(), note.explain(old, replacement, lighter));
        }
        if (notes.isEmpty()) {
            return this;
        }
        return new Reference(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures,
                truckBans, warningConditions, chosen, breachArticles, labels, notes, successions,
                discretionFactors, campaignRules);
    }

    /** Says why one article of a lineage applies rather than the other (see {@link #decidedOn}). */
    @FunctionalInterface
    public interface NoteMaker {
        String explain(LawArticle atConduct, LawArticle atDecision, boolean decisionLawApplies);
    }

    /** The site-measures rows of one class of site at one level. */
    public List<SiteMeasure> siteMeasuresFor(String siteClass, AlertLevel level) {
        return TableReads.read(siteMeasuresByKey.getOrDefault(key(siteClass, level), List.of()));
    }

    /** The production-measures rows of one performance grade at one level. */
    public List<ProductionMeasure> productionMeasuresFor(PerformanceGrade grade, AlertLevel level) {
        return TableReads.read(productionMeasuresByKey.getOrDefault(key(grade, level), List.of()));
    }

    /** The truck-bans rows of one performance grade at one level. */
    public List<TruckBan> truckBansFor(PerformanceGrade grade, AlertLevel level) {
        return TableReads.read(truckBansByKey.getOrDefault(key(grade, level), List.of()));
    }

    /** The alert-levels row of one level. */
    public List<AlertStep> stepOf(AlertLevel level) {
        return TableReads.read(stepsByLevel.getOrDefault(level, List.of()));
    }

    public List<DiscretionFactor> discretionFactors() { return discretionFactors; }
    public List<CampaignRule> campaignRules() { return campaignRules; }

    /**
     * The discretion factor row of {@code factor} for a value (a count, a number of days): the one with the
     * greatest {@code fromValue} not above it (none below the factor's first row).
     */
    public List<DiscretionFactor> discretionFactor(String factor, int value) {
        for (DiscretionFactor row : factorsDescending.getOrDefault(factor, List.of())) {
            if (row.fromValue() <= value) {
                TableReads.read(row);
                return List.of(row);
            }
        }
        return List.of();
    }

    /** The discretion factor row of {@code factor} at a level (an impact grade). */
    public List<DiscretionFactor> discretionLevel(String factor, Object level) {
        String l = level instanceof Enum<?> e ? e.name() : String.valueOf(level);
        return TableReads.read(discretionFactors.stream().filter(f -> f.factor().equals(factor) && f.fromValue() == null
                && l.equals(f.level())).limit(1).toList());
    }

    /**
     * The campaign row of {@code code} when that policy is on in the jurisdiction: its own row there, else
     * the default row (no jurisdiction); none when it is switched off or the table lacks it.
     */
    public List<CampaignRule> campaignOn(String code, String jurisdiction) {
        List<CampaignRule> rows = campaignByCode.getOrDefault(code, List.of());
        CampaignRule row = rows.stream().filter(r -> jurisdiction != null && jurisdiction.equals(r.jurisdiction()))
                .findFirst().orElseGet(() -> rows.stream().filter(r -> r.jurisdiction() == null).findFirst().orElse(null));
        TableReads.read(row); // a policy switched off is read too: it decides that the policy does not apply
        return row != null && Boolean.TRUE.equals(row.enabled()) ? List.of(row) : List.of();
    }

    /**
     * The earlier decisions in the history's two years with a violation under {@code article}'s lineage: an
     * article and its successor (APPCL-115 and EEC-AIR-115) count together; a local article counts apart.
     */
    public int earlierViolations(History history, String article) {
        if (history == null) {
            return 0;
        }
        String lineage = lineageOf(article);
        return history.violationsLast24Months().entrySet().stream()
                .filter(e -> lineageOf(e.getKey()).equals(lineage)).mapToInt(Map.Entry::getValue).sum();
    }

    private String lineageOf(String code) {
        LawArticle own = articleByCode.get(code);
        if (own == null) {
            own = articleByCode.get(basisInForce(code));
        }
        return own == null || own.jurisdiction() != null ? code : own.lineage();
    }

    /** A named parameter, for the plumbing that needs one outside the rules (episodes, the calendar's zone). */
    public Optional<Parameter> parameter(String name) {
        return parameterNamed(name).stream().findFirst();
    }

    public List<String> standards() {
        return standardItems.stream().map(StandardItem::standard).distinct().toList();
    }

    public List<String> itemsOf(String standard) {
        return itemsOfStandard(standard).stream().map(StandardItem::item).toList();
    }

    public Optional<String> standardOf(String jurisdiction) {
        return TableReads.read(jurisdictions.stream().filter(j -> j.jurisdiction().equals(jurisdiction)).findFirst())
                .map(JurisdictionStandard::standard);
    }
}
