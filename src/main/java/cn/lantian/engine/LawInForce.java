package cn.lantian.engine;

import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Order;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.Penalty;
import cn.lantian.fact.Reference;
import cn.lantian.fact.Violation;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The law a decision applies (domain.md section 8): the tables of the conduct's day (the inspection's
 * date), with 行政处罚法 art. 37 applied when the decision is made later under another article of the same
 * lineage; and the warnings a decision carries when it rests on an article not yet verified. The texts
 * are the rules' own ({@code law.*} parameters in {@code penalties/parameters.csv}).
 */
public final class LawInForce {
    static final String UNVERIFIED = "law.unverifiedWarning";
    static final String OLD_LAW = "law.transition.oldLawApplies";
    static final String NEW_LAW = "law.transition.newLawApplies";
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日");

    private LawInForce() {}

    /** The tables a decision on {@code decisionDay} about conduct on {@code conductDay} is made with. */
    public static Reference of(Ruleset ruleset, LocalDate conductDay, LocalDate decisionDay) {
        Reference conduct = ruleset.referenceAt(conductDay);
        if (decisionDay == null || !decisionDay.isAfter(conductDay)) {
            return conduct;
        }
        return conduct.decidedOn(ruleset.referenceAt(decisionDay), (old, later, laterApplies) ->
                text(conduct, laterApplies ? NEW_LAW : OLD_LAW, "")
                        .replace("{old}", old.title()).replace("{new}", later.title())
                        .replace("{conductDate}", CHINESE_DATE.format(conductDay))
                        .replace("{decisionDate}", CHINESE_DATE.format(decisionDay)));
    }

    /** One warning per legal basis cited and not verified, in the order they are first cited. */
    public static List<DecisionWarning> warnings(Reference ref, List<Violation> violations, List<Order> orders,
                                                 List<Penalty> penalties) {
        // A penalty says itself whether its basis is verified (the old law's part of a split is, though the
        // day's tables read its code as the successor); violations and orders cite the basis in force.
        Set<String> cited = new LinkedHashSet<>();
        penalties.stream().filter(p -> !p.verified()).forEach(p -> cited.add(p.legalBasis()));
        violations.forEach(v -> cited.add(v.legalBasis()));
        orders.forEach(o -> cited.add(o.legalBasis()));
        List<DecisionWarning> out = new ArrayList<>();
        Set<String> warned = new LinkedHashSet<>();
        for (String code : cited) {
            LawArticle a = code == null ? null : ref.article(code).orElse(null);
            if (a != null && !a.isVerified() && warned.add(a.code())) {
                out.add(new DecisionWarning(DecisionWarning.UNVERIFIED_LEGAL_BASIS,
                        text(ref, UNVERIFIED, "{basis}").replace("{basis}", a.title()).replace("{code}", a.code()), a.code()));
            }
        }
        return List.copyOf(out);
    }

    private static String text(Reference ref, String name, String absent) {
        return ref.parameter(name).map(Parameter::value).orElse(absent);
    }
}
