package cn.lantian.audit;

import cn.lantian.engine.RuleFolder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate ruleset: the rules folder as it is, with the files an auditor sends laid over it (by their
 * path in the folder, "dust/parameters.csv" or "rules/dust/parameters.csv"; {@code null} removes a file).
 * A byte-order mark at the start of a sent file (a table pasted from a "CSV UTF-8" file) is dropped.
 */
public final class CandidateFiles {
    private CandidateFiles() {}

    public static Map<String, String> overlay(Map<String, String> base, Map<String, String> edits) {
        Map<String, String> files = new TreeMap<>(base);
        edits.forEach((name, content) -> {
            String rel = relative(name);
            if (content == null) {
                files.remove(rel);
            } else {
                files.put(rel, RuleFolder.withoutBom(content));
            }
        });
        return files;
    }

    /** The folder with the edits laid over it; what reading found about a file sent or removed no longer applies. */
    public static RuleFolder overlay(RuleFolder base, Map<String, String> edits) {
        Map<String, String> files = overlay(base.files(), edits);
        return new RuleFolder(files, base.notes().stream().filter(d -> edits.keySet().stream()
                .noneMatch(name -> d.file().equals("rules/" + relative(name)))).toList());
    }

    private static String relative(String name) {
        return name.startsWith("rules/") ? name.substring("rules/".length()) : name;
    }
}
