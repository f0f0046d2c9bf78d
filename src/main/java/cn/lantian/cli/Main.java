package cn.lantian.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The jar's entry point: with no arguments it serves the API; {@code check} runs the fixtures against
 * the rules and exits, with no server started.
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("check")) {
            // A command of its own, outside the service: the one clock it stamps the loaded rules with is the system's.
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, java.time.Clock.systemUTC()));
        }
        Quarkus.run(args);
    }
}
