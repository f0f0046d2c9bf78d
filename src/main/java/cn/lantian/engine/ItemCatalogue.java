package cn.lantian.engine;

import cn.lantian.fact.Inspection;
import cn.lantian.fact.Reference;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The standard's items, in the order of the standards table in force. */
    public static List<String> standardItems(Reference reference, String standard) {
        return reference.itemsOf(standard);
    }

    /** The duties of every site, whatever its standard, in rule order. */
    public static List<String> siteDuties(Ruleset ruleset, Reference reference) {
        Set<String> inSomeStandard = new LinkedHashSet<>();
        reference.standardItems().forEach(s -> inSomeStandard.add(s.item()));
        return recordedUnder(ruleset, "site.").stream().filter(c -> !inSomeStandard.contains(c)).toList();
    }

    /** A site's items: its standard's, then the duties of every site. */
    public static List<String> siteItems(Ruleset ruleset, Reference reference, String standard) {
        Set<String> codes = new LinkedHashSet<>(standardItems(reference, standard));
        codes.addAll(siteDuties(ruleset, reference));
        return List.copyOf(codes);
    }

    public static List<String> enterpriseItems(Ruleset ruleset) {
        return ruleset.enterpriseItems();
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
        return ruleset.itemFields().getOrDefault(code, List.of());
    }

    /** Every item's request fields, in rule order, each once: computed once per ruleset. */
    static Map<String, List<String>> fieldsByItem(List<RuleInfo> rules) {
        Map<String, Set<String>> fields = new java.util.LinkedHashMap<>();
        rules.stream().filter(r -> r.code() != null && r.metadata().containsKey("record"))
                .forEach(r -> fields.computeIfAbsent(r.code(), c -> new LinkedHashSet<>()).addAll(fieldsOf(r)));
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        fields.forEach((code, f) -> out.put(code, List.copyOf(f)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The distinct values of one metadata entry ("check", "criterion") over the item's rules. */
    public static List<String> metadata(Ruleset ruleset, String code, String key) {
        return rulesOf(ruleset, code).stream().map(r -> r.metadata().get(key)).filter(v -> v != null && !v.isBlank())
                .distinct().toList();
    }

    /**
     * Whether the record holds the block any of the fields sits in ("site.stockpiles" for
     * "site.stockpiles.count"; "site.activities" itself for a single field). The inspection time is
     * always there and says nothing of what was inspected.
     */
    public static boolean recorded(Inspection record, List<String> fields) {
        for (String field : fields) {
            if (!field.equals("inspectedAt") && blockOf(field, record) != null) {
                return true;
            }
        }
        return false;
    }

    /** Accessor chains by field path, the record's first two levels ("site", "site.enclosure"). */
    private static final Map<String, List<MethodHandle>> PATHS = new ConcurrentHashMap<>();

    private static Object blockOf(String field, Inspection record) {
        List<MethodHandle> chain = PATHS.computeIfAbsent(field, ItemCatalogue::chain);
        Object at = record;
        try {
            for (MethodHandle step : chain) {
                at = at == null ? null : step.invoke(at);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
        return chain.isEmpty() ? null : at;
    }

    /** The accessors of a field path's first two names; none when the path names no record component. */
    private static List<MethodHandle> chain(String field) {
        List<MethodHandle> chain = new ArrayList<>();
        Class<?> type = Inspection.class;
        String[] names = field.split("\\.");
        for (int i = 0; i < Math.min(names.length, 2); i++) {
            RecordComponent found = null;
            for (RecordComponent c : type == null || !type.isRecord() ? new RecordComponent[0] : type.getRecordComponents()) {
                if (c.getName().equals(names[i])) {
                    found = c;
                }
            }
            if (found == null) {
                return List.of();
            }
            try {
                chain.add(MethodHandles.publicLookup().unreflect(found.getAccessor()));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            type = found.getType();
        }
        return List.copyOf(chain);
    }

    private static List<String> fieldsOf(RuleInfo rule) {
        return Arrays.stream(rule.metadata().get("record").split(",")).map(String::strip).filter(f -> !f.isEmpty())
                .toList();
    }

    private static List<String> recordedUnder(Ruleset ruleset, String prefix) {
        return recordedUnder(ruleset.rules(), prefix);
    }

    static List<String> recordedUnder(List<RuleInfo> rules, String prefix) {
        Set<String> codes = new LinkedHashSet<>();
        rules.stream().filter(r -> r.metadata().containsKey("record")
                && fieldsOf(r).stream().anyMatch(f -> f.startsWith(prefix))).forEach(r -> codes.add(r.code()));
        return List.copyOf(codes);
    }
}
