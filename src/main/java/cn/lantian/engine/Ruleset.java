package cn.lantian.engine;

import cn.lantian.fact.Reference;
import cn.lantian.time.LocalCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled, immutable set of rules and reference tables, named by the hash of its files' content.
 * Evaluations hold on to the ruleset they started with, so a reload never changes a decision midway.
 *
 * @param fileDigests  each file's content hash, by its name ("rules/dust/standards.csv")
 * @param ruleDigests  each rule's source hash, by rule name, to tell a changed rule from an unchanged one
 * @param ruleValidity the rules that carry {@code @effectiveFrom}/{@code @effectiveTo}, and their period
 * @param sessions     the sessions evaluations run in, reused: a new session costs more than a run
 * @param ruleFiles    each rule's file by rule name, for traces
 * @param declaresReference whether some rule file declares the global that carries the reference tables
 * @param calendar     the jurisdiction's calendar ({@code calendar.timeZone}): local time, days, printed dates
 * @param itemFields   the request fields each item's rules record ({@code @record}), by item code
 * @param enterpriseItems the items a plant is checked on (those recorded in enterprise fields)
 * @param streamBase   the stream rules of the online monitors (rules/monitoring/, STREAM mode), null when there are none
 */
public record Ruleset(String version, Instant loadedAt, List<String> files, List<RuleInfo> rules,
                      ReferenceTables tables, KieBase kieBase, Map<String, String> fileDigests,
                      Map<String, String> ruleDigests, Map<String, InForce> ruleValidity, List<Diagnostic> warnings,
                      KieSessionsPool sessions, Map<String, String> ruleFiles, boolean declaresReference,
                      LocalCalendar calendar, Map<String, List<String>> itemFields, List<String> enterpriseItems,
                      KieBase streamBase) {

    /** A ruleset with its session pool (sessions are made on first use), its rules' files and whether it reads the tables. */
    public Ruleset(String version, Instant loadedAt, List<String> files, List<RuleInfo> rules,
                   ReferenceTables tables, KieBase kieBase, Map<String, String> fileDigests,
                   Map<String, String> ruleDigests, Map<String, InForce> ruleValidity, List<Diagnostic> warnings,
                   LocalCalendar calendar, KieBase streamBase) {
        this(version, loadedAt, files, rules, tables, kieBase, fileDigests, ruleDigests, ruleValidity, warnings,
                kieBase.newKieSessionsPool(1),
                rules.stream().collect(Collectors.toUnmodifiableMap(RuleInfo::name, RuleInfo::file)),
                kieBase.getKiePackages().stream().anyMatch(p -> p.getGlobalVariables().stream()
                        .anyMatch(g -> g.getName().equals(Evaluator.REFERENCE_GLOBAL))), calendar,
                ItemCatalogue.fieldsByItem(rules), ItemCatalogue.recordedUnder(rules, "enterprise."), streamBase);
    }

    /** The same ruleset with more warnings after its own (what reading its folder found). */
    Ruleset withWarnings(List<Diagnostic> more) {
        List<Diagnostic> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Ruleset(version, loadedAt, files, rules, tables, kieBase, fileDigests, ruleDigests, ruleValidity,
                List.copyOf(all), sessions, ruleFiles, declaresReference, calendar, itemFields, enterpriseItems, streamBase);
    }

    /** Every code a rule of this ruleset can produce (violations, orders, item rows). */
    public Set<String> codes() {
        return rules.stream().map(RuleInfo::code).collect(Collectors.toUnmodifiableSet());
    }

    /** The reference tables as they stand on that day (an inspection's date). */
    public Reference referenceAt(LocalDate day) {
        return tables.at(day);
    }

    /** The reference tables as they stand on the clock's day in the jurisdiction's calendar: for listings, never for a decision. */
    public Reference referenceToday(Clock clock) {
        return tables.at(calendar.today(clock));
    }

    /**
     * The title of every legal basis the tables name, whatever its dates (those in force on no day too), so
     * that a decision of before a repeal still reads by its article's title.
     */
    public Map<String, String> legalBasisTitles() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        tables.values(cn.lantian.fact.LawArticle.class).forEach(a -> out.putIfAbsent(a.code(), a.title()));
        return out;
    }
}
