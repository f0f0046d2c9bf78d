package cn.lantian.audit;

import cn.lantian.engine.Ruleset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** What a new ruleset changes against the active one: rules by name and source, files by content. */
public record RulesetChanges(List<String> rulesAdded, List<String> rulesRemoved, List<String> rulesChanged,
                             List<String> filesChanged) {

    public static RulesetChanges between(Ruleset before, Ruleset after) {
        Map<String, String> was = before.ruleDigests();
        Map<String, String> is = after.ruleDigests();
        return new RulesetChanges(
                is.keySet().stream().filter(n -> !was.containsKey(n)).sorted().toList(),
                was.keySet().stream().filter(n -> !is.containsKey(n)).sorted().toList(),
                is.keySet().stream().filter(n -> was.containsKey(n) && !was.get(n).equals(is.get(n))).sorted().toList(),
                changedKeys(before.fileDigests(), after.fileDigests()));
    }

    private static List<String> changedKeys(Map<String, String> a, Map<String, String> b) {
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all.stream().filter(k -> !Objects.equals(a.get(k), b.get(k))).toList();
    }
}
