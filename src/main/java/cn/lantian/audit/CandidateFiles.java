package cn.lantian.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate ruleset: the rules folder as it is, with the files an auditor sends laid over it (by their
 * path in the folder, "dust/parameters.csv" or "rules/dust/parameters.csv"; {@code null} removes a file).
 */
public final class CandidateFiles {
    private CandidateFiles() {}

    public static Map<String, String> overlay(Map<String, String> base, Map<String, String> edits) {
        Map<String, String> files = new TreeMap<>(base);
        edits.forEach((name, content) -> {
            String rel = name.startsWith("rules/") ? name.substring("rules/".length()) : name;
            if (content == null) {
                files.remove(rel);
            } else {
                files.put(rel, content);
            }
        });
        return files;
    }
}
