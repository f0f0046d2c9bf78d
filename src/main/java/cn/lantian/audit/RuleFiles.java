package cn.lantian.audit;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** Rule files sent by an auditor: path in the rules folder to content ({@code null} to remove the file). */
public record RuleFiles(@NotNull Map<String, String> files) {}
