package cn.lantian.audit;

import cn.lantian.engine.Diagnostic;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import java.util.List;
import java.util.Map;

/** Whether candidate files make a ruleset, with every diagnostic; nothing is activated. */
public record ValidationReport(boolean valid, String version, int rules, List<Diagnostic> diagnostics) {

    public static ValidationReport of(RulesetLoader loader, Map<String, String> files) {
        try {
            Ruleset r = loader.load(files);
            return new ValidationReport(true, r.version(), r.rules().size(), r.warnings());
        } catch (RulesetException e) {
            return new ValidationReport(false, null, 0, e.diagnostics());
        }
    }
}
