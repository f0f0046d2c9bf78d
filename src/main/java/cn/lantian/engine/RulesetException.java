package cn.lantian.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rule files do not make a usable ruleset; the diagnostics say where and why. */
public class RulesetException extends Exception {
    private final List<Diagnostic> diagnostics;

    public RulesetException(List<Diagnostic> diagnostics) {
        super("rules rejected:\n" + diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
