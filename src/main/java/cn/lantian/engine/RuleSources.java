package cn.lantian.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/** The source text of each rule of a DRL file, hashed, so that a reload can say which rules changed. */
final class RuleSources {
    private RuleSources() {}

    /** Rule name to the hash of its text; empty for a file that does not parse (the compiler reports it). */
    static Map<String, String> digests(String drl) {
        Map<String, String> digests = new LinkedHashMap<>();
        try {
            PackageDescr pkg = new DrlParser().parse(false, drl);
            if (pkg == null) {
                return digests;
            }
            for (RuleDescr rule : pkg.getRules()) {
                int start = Math.max(rule.getStartCharacter(), 0);
                int end = Math.min(rule.getEndCharacter() + 1, drl.length());
                if (end > start) {
                    digests.put(rule.getName(), RulesetLoader.sha256(drl.substring(start, end)));
                }
            }
        } catch (DroolsParserException e) {
            return digests;
        }
        return digests;
    }
}
