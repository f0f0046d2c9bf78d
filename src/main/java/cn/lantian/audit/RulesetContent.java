package cn.lantian.audit;

import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureRunner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule version holds: the files of {@code rules/} and of {@code fixtures/}, each by its path inside its
 * folder ("dust/parameters.csv", "dust/six.json"), as text. Two versions are the same when their content is.
 */
public record RulesetContent(Map<String, String> rules, Map<String, String> fixtures) {
    public RulesetContent {
        rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
        fixtures = java.util.Collections.unmodifiableMap(new TreeMap<>(fixtures));
    }

    /** The hash of every file's path and text, rules and fixtures apart. */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (var kind : List.of(Map.entry("rules/", rules), Map.entry("fixtures/", fixtures))) {
                for (var f : kind.getValue().entrySet()) {
                    digest.update((kind.getKey() + f.getKey() + "\0" + f.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
                }
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How far the fixtures reach the rules: every rule, those some case fired, and those none did. */
    public record Coverage(int rules, int rulesReached, List<String> unfiredRules) {
        public static Coverage of(Ruleset ruleset, FixtureRunner.Report report) {
            return new Coverage(ruleset.rules().size(), ruleset.rules().size() - report.unfiredRules().size(),
                    report.unfiredRules());
        }
    }
}
