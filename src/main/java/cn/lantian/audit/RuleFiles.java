package cn.lantian.audit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Rule files sent by an auditor: path in the rules folder to content ({@code null} to remove the file).
 * Bounded: a rules folder is a few dozen files of tens of kilobytes (rules/ is 22 files, 81 kB), so a
 * request holds at most {@link #MAX_FILES} files of {@link #MAX_FILE_CHARS} characters each.
 */
public record RuleFiles(@NotNull @Size(max = RuleFiles.MAX_FILES, message = "{cn.lantian.fact.Size.list}")
                        Map<@Size(max = RuleFiles.MAX_NAME_CHARS, message = "{cn.lantian.fact.Size.text}") String,
                                @Size(max = RuleFiles.MAX_FILE_CHARS, message = "{cn.lantian.fact.Size.text}") String> files) {
    public static final int MAX_FILES = 100;
    public static final int MAX_NAME_CHARS = 200;
    public static final int MAX_FILE_CHARS = 500_000;
}
