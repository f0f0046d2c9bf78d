package cn.lantian.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The jar's entry point: with no arguments it serves the API; with a verb ({@code check}, {@code test},
 * {@code eval}, {@code diff}, {@code help}) it runs that command and exits, with no server started
 * (see {@link Cli}); any other first argument prints the usage and exits 2.
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        // A command of its own, outside the service: the one clock it stamps the loaded rules with is the system's.
        System.exit(Cli.run(args, System.out, System.in, java.time.Clock.systemUTC()));
    }
}
