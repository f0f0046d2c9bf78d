package cn.lantian.cli;

import cn.lantian.engine.Evaluator;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureRunner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code eval [--rules DIR] FILE|-}: one evaluation request (the body of {@code POST /api/v1/evaluations},
 * from a file or, with {@code -}, standard input) decided on its own, as {@code ?record=false} decides it
 * with no store behind it (no stored history, no declared alert: what the request says is all there is);
 * the decision is printed as the API answers it, pretty-printed. A bad request prints each bad field and
 * exits 2, as do rules that do not load and input that cannot be read; a rule that fails on the record
 * exits 1.
 */
final class EvalCommand {
    private static final String USAGE = "usage: eval [--rules DIR] FILE|-";
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private EvalCommand() {}

    static int run(String[] args, PrintStream out, InputStream in, java.time.Clock clock) {
        Path rules = Path.of("rules");
        String input = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rules") && i + 1 < args.length) {
                rules = Path.of(args[++i]);
            } else if ((args[i].startsWith("-") && !args[i].equals("-")) || input != null) {
                out.println(USAGE);
                return 2;
            } else {
                input = args[i];
            }
        }
        if (input == null) {
            out.println(USAGE);
            return 2;
        }
        String name = input.equals("-") ? "standard input" : input;
        String body;
        try {
            body = RuleFolder.utf8(input.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(input)));
        } catch (RuleFolder.NotUtf8 e) {
            out.println(name + ":" + e.line() + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("cannot read " + name + ": " + e.getMessage());
            return 2;
        }
        Ruleset ruleset = CliSupport.load(rules, clock, out);
        if (ruleset == null) {
            return 2;
        }
        try {
            var decision = Evaluator.evaluate(ruleset, new InspectionReader(CliSupport.reader()).read(body, ruleset));
            out.println(PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(FixtureRunner.asApiJson(decision)));
            return 0;
        } catch (InvalidRequestException e) {
            out.println(name + ": " + e.getMessage() + ":");
            for (FieldError f : e.errors()) {
                String chinese = f.in(Locale.SIMPLIFIED_CHINESE).message();
                out.println("  " + f.field() + ": " + f.message() + (chinese.equals(f.message()) ? "" : " （" + chinese + "）"));
            }
            return 2;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            out.println(name + ": the rules failed on this record: " + root.getClass().getSimpleName() + ": "
                    + root.getMessage());
            return 1;
        }
    }
}
