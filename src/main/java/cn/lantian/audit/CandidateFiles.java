package cn.lantian.audit;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.RuleSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate ruleset: the rules folder as it is, with the files an auditor sends laid over it (by their
 * path in the folder, "dust/parameters.csv" or "rules/dust/parameters.csv"; {@code null} removes a file).
 * A byte-order mark at the start of a sent file (a table pasted from a "CSV UTF-8" file) is dropped.
 * A name that would leave the folder ("../x.drl", "/etc/x.drl", "dust\..\x.drl") or is no rule file or
 * table (".dslr", ".DRL") is refused, naming the file, rather than silently dropped.
 */
public final class CandidateFiles {
    private CandidateFiles() {}

    public static Map<String, String> overlay(Map<String, String> base, Map<String, String> edits) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> files = new TreeMap<>(base);
        edits.forEach((name, content) -> {
            String rel = relative(name);
            var problem = RuleSandbox.fileNameProblem(rel);
            if (problem.isPresent()) {
                errors.add(new FieldError("files[" + quoted(name) + "]", problem.get()));
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

    /** The folder with the edits laid over it; what reading found about a file sent or removed no longer applies. */
    public static RuleFolder overlay(RuleFolder base, Map<String, String> edits) {
        Map<String, String> files = overlay(base.files(), edits);
        return new RuleFolder(files, base.notes().stream().filter(d -> edits.keySet().stream()
                .noneMatch(name -> d.file().equals("rules/" + relative(name)))).toList());
    }

    private static String relative(String name) {
        return name != null && name.startsWith("rules/") ? name.substring("rules/".length()) : name;
    }

    /** The name as a JSON string, so that the field's path reads files["../x.drl"]. */
    private static String quoted(String name) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : String.valueOf(name).toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
