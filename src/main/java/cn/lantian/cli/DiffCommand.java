package cn.lantian.cli;

import cn.lantian.audit.Comparison;
import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureException;
import cn.lantian.fixture.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code diff DIR1 DIR2 [--fixtures DIR]}: every fixture case decided under the rules of DIR1 (old) and of
 * DIR2 (new), by the comparison the API's {@code POST /api/v1/ruleset/compare} makes ({@link Comparison}),
 * and each case whose decision differs: its violations, orders and fines, old and new. Exit status 0 when
 * none differs, 1 when some do, 2 when either folder or the fixtures cannot be read or the arguments are wrong.
 */
final class DiffCommand {
    private static final String USAGE = "usage: diff DIR1 DIR2 [--fixtures DIR]";
    /** The parts of a decision's essence, in the order shown, with the word each is shown by. */
    private static final List<Map.Entry<String, String>> PARTS = List.of(Map.entry("compliant", "compliant"),
            Map.entry("level", "level"), Map.entry("violations", "violations"), Map.entry("orders", "orders"),
            Map.entry("penalties", "fines"), Map.entry("status", "status"), Map.entry("errors", "refused"),
            Map.entry("failure", "failure"));

    private DiffCommand() {}

    static int run(String[] args, PrintStream out, java.time.Clock clock) {
        Path fixtures = Path.of("fixtures");
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fixtures") && i + 1 < args.length) {
                fixtures = Path.of(args[++i]);
            } else if (args[i].startsWith("-")) {
                out.println(USAGE);
                return 2;
            } else {
                folders.add(Path.of(args[i]));
            }
        }
        if (folders.size() != 2) {
            out.println(USAGE);
            return 2;
        }
        Ruleset old = CliSupport.load(folders.get(0), clock, out);
        Ruleset candidate = old == null ? null : CliSupport.load(folders.get(1), clock, out);
        if (candidate == null) {
            return 2;
        }
        List<FixtureCase> cases;
        try {
            cases = Fixtures.load(fixtures);
        } catch (FixtureException e) {
            out.println(e.getMessage());
            return 2;
        }
        Comparison comparison = Comparison.of(old, candidate, cases, CliSupport.reader());
        out.println("old: rules " + folders.get(0) + " (" + old.version() + ")");
        out.println("new: rules " + folders.get(1) + " (" + candidate.version() + ")");
        for (Comparison.Difference d : comparison.differences()) {
            out.println();
            out.println("CHANGED " + d.file() + " › " + d.name());
            for (Map.Entry<String, String> part : PARTS) {
                JsonNode before = d.active().path(part.getKey());
                JsonNode after = d.candidate().path(part.getKey());
                if (!Objects.equals(before, after)) {
                    show(out, part.getValue(), "old", before);
                    show(out, "", "new", after);
                }
            }
        }
        out.println();
        out.println(comparison.differences().isEmpty()
                ? "no case decides differently (" + comparison.cases() + " cases)"
                : comparison.differences().size() + " of " + comparison.cases() + " cases decide differently");
        return comparison.differences().isEmpty() ? 0 : 1;
    }

    /** One side of a part: a value, a list of codes, or one line per order or fine. */
    private static void show(PrintStream out, String part, String side, JsonNode value) {
        String lead = String.format("  %-11s %s ", part, side);
        if (value.isMissingNode() || value instanceof NullNode) {
            out.println(lead + "—");
        } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
            for (int i = 0; i < value.size(); i++) {
                out.println((i == 0 ? lead : " ".repeat(lead.length())) + entry(value.get(i)));
            }
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isTextual() ? v.asText() : v.toString()));
            out.println(lead + (items.isEmpty() ? "none" : String.join(", ", items)));
        } else {
            out.println(lead + (value.isTextual() ? value.asText() : value.toString()));
        }
    }

    /** An order or a fine: its first field as it is, the others named ("RECTIFY violation=ENCLOSURE deadline=…"). */
    private static String entry(JsonNode e) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String v = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
            parts.add(parts.isEmpty() ? v : f.getKey() + "=" + v);
        }
        return String.join(" ", parts);
    }
}
