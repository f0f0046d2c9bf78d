package cn.lantian.checklist;

import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which items a subject is checked on, read from the rules alone. An item is a code whose rules carry
 * {@code @record} (the request fields an inspector fills in). A site is checked on the items of its
 * standard ({@code standards.csv}) and on the duties every site has: items whose fields are site fields
 * but which belong to no standard. A plant is checked on the items whose fields are enterprise fields;
 * a follow-up (回头看) adds the items whose fields are history fields.
 */
public final class ItemCatalogue {
    private ItemCatalogue() {}

    /** The standard's items, in the order of the standards table. */
    public static List<String> standardItems(Ruleset ruleset, String standard) {
        return ruleset.reference().itemsOf(standard);
    }

    /** The duties of every site, whatever its standard, in rule order. */
    public static List<String> siteDuties(Ruleset ruleset) {
        Set<String> inSomeStandard = new LinkedHashSet<>();
        ruleset.reference().standardItems().forEach(s -> inSomeStandard.add(s.item()));
        return recordedUnder(ruleset, "site.").stream().filter(c -> !inSomeStandard.contains(c)).toList();
    }

    /** A site's items: its standard's, then the duties of every site. */
    public static List<String> siteItems(Ruleset ruleset, String standard) {
        Set<String> codes = new LinkedHashSet<>(standardItems(ruleset, standard));
        codes.addAll(siteDuties(ruleset));
        return List.copyOf(codes);
    }

    public static List<String> enterpriseItems(Ruleset ruleset) {
        return recordedUnder(ruleset, "enterprise.");
    }

    /** The items a follow-up inspection adds: those recorded from the correction order. */
    public static List<String> followUpItems(Ruleset ruleset) {
        return recordedUnder(ruleset, "history.");
    }

    /** The rules that judge the item, each with its own check, fields and criterion. */
    public static List<RuleInfo> rulesOf(Ruleset ruleset, String code) {
        return ruleset.rules().stream().filter(r -> code.equals(r.code()) && r.metadata().containsKey("record")).toList();
    }

    /** The request fields to record for the item, in rule order, each once. */
    public static List<String> fields(Ruleset ruleset, String code) {
        Set<String> fields = new LinkedHashSet<>();
        rulesOf(ruleset, code).forEach(r -> fields.addAll(fieldsOf(r)));
        return List.copyOf(fields);
    }

    /** The distinct values of one metadata entry ("check", "criterion") over the item's rules. */
    public static List<String> metadata(Ruleset ruleset, String code, String key) {
        return rulesOf(ruleset, code).stream().map(r -> r.metadata().get(key)).filter(v -> v != null && !v.isBlank())
                .distinct().toList();
    }

    private static List<String> fieldsOf(RuleInfo rule) {
        return Arrays.stream(rule.metadata().get("record").split(",")).map(String::strip).filter(f -> !f.isEmpty())
                .toList();
    }

    private static List<String> recordedUnder(Ruleset ruleset, String prefix) {
        Set<String> codes = new LinkedHashSet<>();
        ruleset.rules().stream().filter(r -> r.metadata().containsKey("record")
                && fieldsOf(r).stream().anyMatch(f -> f.startsWith(prefix))).forEach(r -> codes.add(r.code()));
        return List.copyOf(codes);
    }
}
