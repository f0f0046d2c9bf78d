package cn.lantian.bench;

import static cn.lantian.engine.Emit.num;
import static cn.lantian.engine.Emit.pct;
import static cn.lantian.engine.Emit.ratio;

import cn.lantian.engine.Decision;
import cn.lantian.engine.ItemCatalogue;
import cn.lantian.engine.LawInForce;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.TraceEntry;
import cn.lantian.fact.Activity;
import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Benchmark;
import cn.lantian.fact.DiscretionFactor;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.InspectionTime;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Order;
import cn.lantian.fact.OrderType;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.PenaltyMeasure;
import cn.lantian.fact.Reference;
import cn.lantian.fact.Site;
import cn.lantian.fact.SiteBlock;
import cn.lantian.fact.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The baseline: a dust inspection of a site decided in plain Java, with no engine. It applies the
 * checks of rules/dust/*.drl for the items of the site's standard, the related duties, the
 * rectification orders and the penalty decisions (the discretion benchmark of
 * rules/penalties/penalty-decisions.drl), reading the same tables (items, thresholds, deadlines, legal
 * bases in force on the day, discretion factors, calculation texts) and the same rule metadata, and writes
 * the same messages; the decision's items, legal bases in force and warnings come from the engine's own
 * public helpers, as {@link cn.lantian.engine.Evaluator} computes them. It covers what the benchmark's
 * record needs: a site with no alert, no history (a first offence), no circumstances, not a key project
 * and not near a monitoring station; it refuses anything else.
 */
final class PlainEight {
    /** The engine's order of orders (Evaluator): by type, then activity, then violation. */
    private static final Comparator<Order> READING_ORDER = Comparator.comparing(Order::type)
            .thenComparing(Order::activity, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Order::violation, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Ruleset ruleset;
    private final Map<String, RuleInfo> rules;

    PlainEight(Ruleset ruleset) {
        this.ruleset = ruleset;
        this.rules = ruleset.rules().stream().collect(Collectors.toMap(RuleInfo::name, Function.identity()));
    }

    Decision evaluate(Inspection inspection) {
        Site site = inspection.site();
        if (site == null || inspection.getLevel() != AlertLevel.NONE || inspection.history() != null
                || inspection.circumstances() != null
                || inspection.subject().keyProject() || inspection.subject().nearMonitoringStation()) {
            throw new IllegalArgumentException("the baseline decides a plain site record only");
        }
        InspectionTime time = InspectionTime.of(inspection.inspectedAt(), ruleset.calendar().zone());
        Reference ref = LawInForce.of(ruleset, time.date(), ruleset.calendar().dateOf(inspection.decisionTime()));
        String standard = inspection.subject().standard();
        Run run = new Run(standard);
        List<String> items = ref.itemsOf(standard);
        items(run, site, items, ref);
        relatedDuties(run, inspection, time, site, ref);
        List<Order> orders = rectify(run, inspection, ref);
        List<Penalty> penalties = penalties(run, inspection, items, ref);
        // the rules cite the articles they name; the decision cites those in force on the day
        List<Violation> violations = run.violations.stream().map(v -> v.citing(ref.basisInForce(v.legalBasis()))).toList();
        List<Order> cited = orders.stream().map(o -> o.citing(ref.basisInForce(o.legalBasis()), o.reason(), o.rule()))
                .sorted(READING_ORDER).toList();
        List<String> inspected = new ArrayList<>();
        List<String> notInspected = new ArrayList<>();
        for (String item : ItemCatalogue.standardItems(ruleset.referenceAt(time.date()), standard)) {
            (ItemCatalogue.recorded(inspection, ItemCatalogue.fields(ruleset, item)) ? inspected : notInspected).add(item);
        }
        return new Decision(UUID.randomUUID().toString(), ruleset.version(), violations.isEmpty(), violations, cited,
                penalties, List.copyOf(inspected), List.copyOf(notInspected),
                LawInForce.warnings(ref, violations, cited, penalties), run.trace);
    }

    /** The violations found so far and the trace of the rules applied, each with the values it read. */
    private final class Run {
        final String standard;
        final List<Violation> violations = new ArrayList<>();
        final List<TraceEntry> trace = new ArrayList<>();

        Run(String standard) {
            this.standard = standard;
        }

        void violation(String rule, Object matched, double observed, double required, String message) {
            RuleInfo r = rules.get(rule);
            violations.add(new Violation(r.code(), r.title(), standard, observed, required, r.legalBasis(), rule, message));
            traced(rule, matched);
        }

        void traced(String rule, Object matched) {
            trace.add(new TraceEntry(rule, rules.get(rule).file(), Map.of("matched", matched)));
        }
    }

    private static void items(Run run, Site site, List<String> items, Reference ref) {
        SiteBlock.Enclosure e = site.enclosure();
        if (items.contains("ENCLOSURE") && e != null && e.perimeterM() > 0) {
            if (e.enclosedM() < e.perimeterM()) {
                double share = ratio(e.enclosedM(), e.perimeterM());
                run.violation("The site's perimeter must be fully enclosed", e, share, 1.0, "工地周长 "
                        + num(e.perimeterM()) + " 米，连续硬质围挡仅 " + num(e.enclosedM()) + " 米（" + pct(share)
                        + "），须全部围挡、不留缺口。");
            }
            if (e.alongMainRoad()) {
                double min = number(ref, "enclosure.minHeight.mainRoad");
                if (e.minHeightM() < min) {
                    run.violation("Enclosure along a main road must be at least the main-road height", e,
                            e.minHeightM(), min, "沿主干道围挡最低处仅 " + num(e.minHeightM()) + " 米，应不低于 "
                                    + num(min) + " 米。");
                }
            } else {
                double min = number(ref, "enclosure.minHeight.other");
                if (e.minHeightM() < min) {
                    run.violation("Enclosure away from main roads must be at least the standard height", e,
                            e.minHeightM(), min, "围挡最低处仅 " + num(e.minHeightM()) + " 米，应不低于 " + num(min) + " 米。");
                }
            }
        }
        SiteBlock.Stockpiles s = site.stockpiles();
        if (items.contains("STOCKPILE_COVER") && s != null && s.count() > 0 && s.covered() < s.count()) {
            double share = ratio(s.covered(), s.count());
            run.violation("Every stockpile must be covered or closed", s, share, 1.0, "物料堆 " + s.count() + " 处，仅 "
                    + s.covered() + " 处覆盖（" + pct(share) + "），须全部覆盖或密闭。");
        }
        SiteBlock.BareSoil b = site.bareSoil();
        if (items.contains("BARE_SOIL_COVER") && b != null && b.areaM2() > 0 && b.coveredM2() < b.areaM2()) {
            double share = ratio(b.coveredM2(), b.areaM2());
            run.violation("All bare soil must be covered, greened or hardened", b, share, 1.0, "裸露地面 "
                    + num(b.areaM2()) + " 平方米，仅覆盖 " + num(b.coveredM2()) + " 平方米（" + pct(share)
                    + "），须全部覆盖、绿化或硬化。");
        }
        SiteBlock.Washing w = site.washing();
        if (items.contains("VEHICLE_WASHING") && w != null) {
            if (!w.facilityInstalled()) {
                run.violation("The site must have a vehicle washing facility", w, 0.0, 1.0,
                        "出入口未设置车辆冲洗设施，须设置并冲洗每辆驶出车辆。");
            }
            if (w.vehiclesLeaving() > 0 && w.vehiclesWashed() < w.vehiclesLeaving()) {
                double share = ratio(w.vehiclesWashed(), w.vehiclesLeaving());
                run.violation("Every vehicle leaving the site must be washed", w, share, 1.0, "驶出车辆 "
                        + w.vehiclesLeaving() + " 辆，仅冲洗 " + w.vehiclesWashed() + " 辆（" + pct(share)
                        + "），每辆驶出车辆均须冲洗。");
            }
            if (w.mudOnRoad()) {
                run.violation("No vehicle may carry mud onto the road", w, 0.0, 1.0,
                        "车辆带泥上路，须冲洗干净后方可驶出，并清扫路面。");
            }
        }
        SiteBlock.Roads r = site.roads();
        if (items.contains("ROAD_HARDENING") && r != null && r.areaM2() > 0 && r.hardenedM2() < r.areaM2()) {
            double share = ratio(r.hardenedM2(), r.areaM2());
            run.violation("All site roads and the entrance must be hardened", r, share, 1.0, "场内道路及出入口 "
                    + num(r.areaM2()) + " 平方米，仅硬化 " + num(r.hardenedM2()) + " 平方米（" + pct(share)
                    + "），须全部硬化。");
        }
        SiteBlock.WetWork ww = site.wetWork();
        if (items.contains("WET_WORK") && ww != null && ww.dustyOperations() > 0
                && ww.wetOperations() < ww.dustyOperations()) {
            double share = ratio(ww.wetOperations(), ww.dustyOperations());
            run.violation("Every dusty operation must be done wet", ww, share, 1.0, "易扬尘作业 "
                    + ww.dustyOperations() + " 处，仅 " + ww.wetOperations() + " 处喷淋降尘（" + pct(share)
                    + "），须全部湿法作业。");
        }
        SiteBlock.MuckTrucks t = site.muckTrucks();
        if (items.contains("SEALED_TRANSPORT") && t != null && t.count() > 0 && t.sealed() < t.count()) {
            double share = ratio(t.sealed(), t.count());
            run.violation("Every muck truck must be closed or covered", t, share, 1.0, "渣土车 " + t.count()
                    + " 辆，仅 " + t.sealed() + " 辆密闭（" + pct(share) + "），所有渣土车辆须密闭运输。");
        }
        SiteBlock.Monitoring m = site.monitoring();
        if (items.contains("ONLINE_MONITORING") && m != null && (!m.pm10MonitorInstalled() || !m.connected())) {
            run.violation("A PM10 monitor must be installed and connected to the platform", m, 0.0, 1.0,
                    m.pm10MonitorInstalled() ? "PM10 在线监测设备未与监管平台联网，须联网上传数据。"
                            : "未安装 PM10 在线监测设备，须安装并与监管平台联网。");
        }
        if (items.contains("VIDEO_SURVEILLANCE") && m != null && (!m.videoInstalled() || !m.connected())) {
            run.violation("Video surveillance must be installed and connected to the platform", m, 0.0, 1.0,
                    m.videoInstalled() ? "视频监控未与监管平台联网，须联网。" : "未安装视频监控，须安装并与监管平台联网。");
        }
        SiteBlock.Machinery k = site.machinery();
        if (items.contains("NON_ROAD_MACHINERY") && k != null && k.count() > 0) {
            if (k.registered() < k.count()) {
                double share = ratio(k.registered(), k.count());
                run.violation("Every non-road machine must be registered", k, share, 1.0, "非道路移动机械 "
                        + k.count() + " 台，仅 " + k.registered() + " 台完成编码登记（" + pct(share) + "），须全部登记。");
            }
            if (k.compliant() < k.count()) {
                double share = ratio(k.compliant(), k.count());
                run.violation("Every non-road machine must meet emission and fuel standards", k, share, 1.0,
                        "非道路移动机械 " + k.count() + " 台，仅 " + k.compliant() + " 台排放及油品达标（" + pct(share)
                                + "），不达标机械须停用整改。");
            }
        }
    }

    /** 两个禁止, night earthwork and PM10: every standard holds them. */
    private static void relatedDuties(Run run, Inspection inspection, InspectionTime time, Site site, Reference ref) {
        SiteBlock.OnSiteMixing mix = site.onSiteMixing();
        if (mix != null && (mix.concrete() || mix.mortar())) {
            String what = mix.concrete() && mix.mortar() ? "混凝土和砂浆" : mix.concrete() ? "混凝土" : "砂浆";
            run.violation("No concrete or mortar may be mixed on site", mix, 0.0, 1.0,
                    "现场搅拌" + what + "，违反“两个禁止”，须使用预拌混凝土和预拌砂浆。");
        }
        if (site.activities().contains(Activity.EARTHWORK)) {
            String from = parameter(ref, "nightEarthwork.from").value();
            String to = parameter(ref, "nightEarthwork.to").value();
            if (time.within(from, to)) {
                run.violation("No earthwork may be done during the night hours", time, 0.0, 1.0,
                        "检查时（当地时间 " + time.time() + "）正在进行土方作业，" + from
                                + " 至 " + to + " 禁止土方作业。");
            } else if (site.nightWork()) {
                run.violation("No earthwork may be done at night, when night work is known from other evidence",
                        site, 0.0, 1.0, "有证据表明夜间进行土方作业，" + from + " 至 " + to + " 禁止土方作业。");
            }
        }
        double limit = number(ref, "pm10.hourlyLimit");
        if (site.pm10HourlyUgM3() != null && site.pm10HourlyUgM3() > limit) {
            run.violation("Hourly PM10 on site must not exceed the limit", site, site.pm10HourlyUgM3(), limit,
                    "PM10 小时浓度 " + num(site.pm10HourlyUgM3()) + " µg/m³，超过 " + num(limit)
                            + " µg/m³ 限值，须限期整改并加强扬尘管控。");
        }
    }

    /** One rectification order per violation code, and more dust control after a PM10 exceedance. */
    private List<Order> rectify(Run run, Inspection inspection, Reference ref) {
        List<Order> orders = new ArrayList<>();
        Set<String> ordered = new HashSet<>();
        for (Violation v : run.violations) {
            if (!ordered.add(v.code())) {
                continue;
            }
            boolean pm10 = v.code().equals("PM10_EXCEEDED");
            String rule = pm10 ? "A PM10 exceedance must be put right within the short deadline"
                    : "Every other violation must be put right within the default deadline";
            double hours = number(ref, pm10 ? "rectify.deadline.pm10" : "rectify.deadline.default");
            orders.add(Order.of(OrderType.RECTIFY).withViolation(v.code(), inspection.inspectedAt().plusHours((long) hours))
                    .citing(v.legalBasis(), "限 " + num(hours) + " 小时内整改：" + v.title() + "。", rule));
            run.traced(rule, v);
        }
        if (ordered.contains("PM10_EXCEEDED")) {
            String rule = "A site over the PM10 limit must intensify its dust control";
            orders.add(0, Order.of(OrderType.INTENSIFY_DUST_CONTROL).citing(rules.get(rule).legalBasis(),
                    "PM10 小时浓度超标，须增加洒水喷淋频次、加强覆盖。", rule));
            run.traced(rule, inspection.site());
        }
        return orders;
    }

    /**
     * One penalty per article that carries a fine (the local article where one replaces it), fined by the
     * discretion benchmark (penalties/discretion-factors.csv) as rule "The violations under one article are
     * fined by the discretion benchmark" does for a record with no history, no circumstances and no alert:
     * the first violation in two years (RECURRENCE at 1), lasting 0 days, the impact read from the number of
     * codes under the article (IMPACT_BY_CODES), no complaints, no campaign maximum. Three or more failing dust
     * items put the company on the blacklist under each article they cite.
     */
    private List<Penalty> penalties(Run run, Inspection inspection, List<String> items, Reference ref) {
        // HashSet, as Drools' collectSet: a penalty lists its codes in that set's order
        Map<String, Set<String>> codesByArticle = new LinkedHashMap<>();
        Set<String> dustItems = new LinkedHashSet<>();
        for (Violation v : run.violations) {
            codesByArticle.computeIfAbsent(v.legalBasis(), a -> new HashSet<>()).add(v.code());
            if (items.contains(v.code())) {
                dustItems.add(v.code());
            }
        }
        Map<String, List<PenaltyMeasure>> measuresByArticle = new LinkedHashMap<>();
        String blacklistRule = "Failing three or more dust items at once puts the company on the blacklist";
        Parameter minDustItems = ref.parameter("blacklist.minDustItems").orElse(null);
        if (minDustItems != null && dustItems.size() >= minDustItems.getNumber()) {
            Set<String> blacklisted = new HashSet<>();
            for (Violation v : run.violations) {
                if (dustItems.contains(v.code()) && blacklisted.add(v.legalBasis())) {
                    measuresByArticle.computeIfAbsent(v.legalBasis(), a -> new ArrayList<>()).add(new PenaltyMeasure(
                            v.legalBasis(), "BLACKLIST", dustItems.size() + " 项扬尘治理措施同时不达标，记入企业环保信用黑名单"));
                    run.traced(blacklistRule, dustItems);
                }
            }
        }
        String penaltyRule = "The violations under one article are fined by the discretion benchmark";
        Parameter unit = ref.parameter("penalty.roundingYuan").orElse(null);
        List<Penalty> penalties = new ArrayList<>();
        for (Map.Entry<String, Set<String>> article : codesByArticle.entrySet()) {
            String national = article.getKey();
            LawArticle law = applicableLaw(run, national, inspection.subject().jurisdiction(), ref);
            if (law == null || !law.hasFine() || national.equals("APPCL-123") || unit == null) {
                continue;
            }
            Set<String> codes = article.getValue();
            int count = 1; // no history: the first violation under the article in two years, this one
            int days = 0;
            int complaints = 0;
            DiscretionFactor recurrence = row(ref.discretionFactor("RECURRENCE", count));
            DiscretionFactor duration = row(ref.discretionFactor("DURATION", days));
            DiscretionFactor reading = row(ref.discretionFactor("IMPACT_BY_CODES", codes.size()));
            DiscretionFactor impact = reading == null ? null : row(ref.discretionLevel("IMPACT", reading.level()));
            DiscretionFactor complained = row(ref.discretionFactor("COMPLAINTS", complaints));
            if (recurrence == null || duration == null || impact == null || complained == null) {
                continue; // the rule does not fire without its rows
            }
            Benchmark b = Benchmark.of(law, unit.getNumber(), ref).plus(recurrence, count).plus(duration, days)
                    .plusRead(reading, codes.size(), impact).plus(complained, complaints).atMaximum(List.of());
            List<PenaltyMeasure> measures = measuresByArticle.getOrDefault(national, List.of());
            Set<String> names = new LinkedHashSet<>();
            if (Boolean.TRUE.equals(law.ordersCorrection())) {
                names.add("ORDER_CORRECTION");
            }
            StringBuilder why = new StringBuilder(codes.size() + " 项违反" + ref.label("LEGAL_BASIS", law.code()) + "：" + b.summary());
            Set<String> seen = new LinkedHashSet<>(names);
            for (PenaltyMeasure m : measures) {
                names.add(m.measure());
                if (seen.add(m.measure()) && !m.reason().isBlank()) {
                    why.append("；").append(m.reason());
                }
            }
            why.append("。");
            // a local article applies as it stands: the national transition (APL-37) is not its reason
            String note = law.jurisdiction() == null ? ref.lawNote(law.lineage()) : "";
            if (!note.isEmpty()) {
                why.append(note).append("。");
            }
            penalties.add(new Penalty(law.code(), law.isVerified(), law.fineMinYuan() == null ? 0 : law.fineMinYuan(),
                    law.fineMaxYuan(), b.fine(), null, null, List.copyOf(names), List.copyOf(codes), penaltyRule,
                    why.toString(), List.copyOf(b.lines())));
            run.traced(penaltyRule, law);
        }
        return penalties;
    }

    private static DiscretionFactor row(List<DiscretionFactor> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The article applied for violations citing {@code national}: the jurisdiction's own article where it
     * replaces the national one, else the national article of the day (its successor once it is repealed).
     */
    private static LawArticle applicableLaw(Run run, String national, String jurisdiction, Reference ref) {
        LawArticle nationalArticle = null;
        for (LawArticle a : ref.articlesFor(national)) {
            if (a.jurisdiction() != null && a.jurisdiction().equals(jurisdiction) && national.equals(a.overrides())) {
                run.traced("A local article replaces the national article in its own jurisdiction", a);
                return a;
            }
            if (a.jurisdiction() == null && nationalArticle == null) {
                nationalArticle = a;
            }
        }
        if (nationalArticle != null) {
            run.traced("The national article applies where no local article replaces it", nationalArticle);
        }
        return nationalArticle;
    }

    private static Parameter parameter(Reference ref, String name) {
        return ref.parameter(name).orElseThrow(() -> new IllegalStateException("no parameter " + name));
    }

    private static double number(Reference ref, String name) {
        return parameter(ref, name).getNumber();
    }
}
