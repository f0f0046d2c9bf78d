package cn.lantian.audit;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RuleFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Fixture files sent by an auditor, laid over a version's (by their path in the fixtures folder,
 * "dust/related-duties.json" or "fixtures/dust/related-duties.json"; {@code null} removes a file). A name that
 * would leave the folder or is no {@code .json} file is refused, naming it.
 */
public final class FixtureFiles {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]+(/[\\p{L}\\p{N}_.-]+)*\\.json");

    private FixtureFiles() {}

    public static Map<String, String> overlay(Map<String, String> base, Map<String, String> edits) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> files = new TreeMap<>(base);
        edits.forEach((name, content) -> {
            String rel = name != null && name.startsWith("fixtures/") ? name.substring("fixtures/".length()) : name;
            if (rel == null || !NAME.matcher(rel).matches() || rel.contains("..") || rel.startsWith(".")) {
                errors.add(new FieldError("fixtures[\"" + String.valueOf(name).replace("\\", "\\\\").replace("\"", "\\\"") + "\"]",
                        "a fixture file is named by its path in the fixtures folder, ending .json (dust/six.json)"));
            } else if (content == null) {
                files.remove(rel);
            } else {
                files.put(rel, RuleFolder.withoutBom(content));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        return files;
    }
}
