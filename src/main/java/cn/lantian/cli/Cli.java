package cn.lantian.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;

/**
 * The jar's verbs for a desk or a city's own CI: {@code check} (the whole gate), {@code test} (fixtures
 * only), {@code eval} (one record → its decision) and {@code diff} (two rules folders on the fixtures).
 * None starts the service; an unknown verb prints the usage and exits 2.
 */
public final class Cli {
    static final String USAGE = """
            usage: java -jar target/quarkus-app/quarkus-run.jar [VERB ARGS…]
              (no arguments)                        start the service
              check [--rules DIR] [--fixtures DIR]  the whole gate: the rules compile and pass their table checks, every
                                                    fixture holds, every rule is fired and every table row reached
              test [--rules DIR] [FILE|DIR…]        the fixtures only (default fixtures/); ends with "N passed, M failed"
              eval [--rules DIR] FILE|-             one evaluation request (a JSON file, or - for standard input):
                                                    its decision as the API answers it
              diff DIR1 DIR2 [--fixtures DIR]       the fixture cases whose decisions differ between two rules folders:
                                                    violations, orders and fines, old and new
              help                                  this text
            --rules defaults to rules, --fixtures to fixtures.
            exit status: 0 all good; 1 a case fails, a rule or table row goes unreached, a rule fails on the record
            (eval) or some decision differs (diff); 2 wrong arguments, a bad request, or rules or fixtures that cannot be read""";

    private Cli() {}

    /** Runs a verb with its arguments ({@code args[0]} is the verb) and answers its exit status. */
    public static int run(String[] args, PrintStream out, InputStream in, Clock clock) {
        if (args.length == 0) {
            out.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "check":
                return CheckCommand.run(rest, out, clock);
            case "test":
                return TestCommand.run(rest, out, clock);
            case "eval":
                return EvalCommand.run(rest, out, in, clock);
            case "diff":
                return DiffCommand.run(rest, out, clock);
            case "help":
            case "--help":
            case "-h":
                out.println(USAGE);
                return 0;
            default:
                out.println(args[0].startsWith("-") ? "no verb before " + args[0] : "unknown verb \"" + args[0] + "\"");
                out.println(USAGE);
                return 2;
        }
    }
}
