package cn.lantian.cli;

import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import jakarta.validation.Validation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** What the commands share: the rules loaded with their diagnostics printed, and the request reader. */
final class CliSupport {
    private CliSupport() {}

    /** The rules of {@code dir}, or null once it has printed why they do not load. */
    static Ruleset load(Path dir, Clock clock, PrintStream out) {
        // Without the service's configuration the engine's own loggers would trace every match.
        Logger.getLogger("").setLevel(Level.WARNING);
        try {
            return new RulesetLoader(clock).load(dir);
        } catch (RulesetException e) {
            out.println("The rules in " + dir + " do not load:");
            e.diagnostics().forEach(d -> out.println("  " + d));
            return null;
        }
    }

    /** The reader the API reads requests with, its bean validation included. */
    static RequestReader reader() {
        var validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        return new RequestReader(validator);
    }

    /** "rules DIR (sha256:…, N rules)" and the warnings reading them found (a file read as GB18030, …). */
    static void header(Path dir, Ruleset ruleset, PrintStream out) {
        out.println("rules " + dir + " (" + ruleset.version() + ", " + ruleset.rules().size() + " rules)");
        ruleset.warnings().forEach(w -> out.println("  " + w));
    }
}
