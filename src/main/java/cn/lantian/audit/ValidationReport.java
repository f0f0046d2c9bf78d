package cn.lantian.audit;

import cn.lantian.engine.Diagnostic;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import java.util.List;
import java.util.Map;

/** Whether candidate files make a ruleset, with every diagnostic; nothing is activated. */
public record ValidationReport(boolean valid, String version, int rules, List<Diagnostic> diagnostics) {

    public static ValidationReport of(RulesetLoader loader, Map<String, String> files) {
        return of(loader, new RuleFolder(files, List.of()));
    }

    /** The folder as read and edited: what reading found (a file read as GB18030, one refused) is among the diagnostics. */
    public static ValidationReport of(RulesetLoader loader, RuleFolder folder) {
        try {
            Ruleset r = loader.load(folder);
            return new ValidationReport(true, r.version(), r.rules().size(), r.warnings());
        } catch (RulesetException e) {
            return new ValidationReport(false, null, 0, e.diagnostics());
        }
    }
}
