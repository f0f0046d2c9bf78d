package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The firing order is declared once, in phases.csv, and each rule names its phase: the loader gives every
 * rule the salience of its phase, the first phase first, and refuses a rule file that writes a salience
 * of its own or names a phase the table does not declare.
 */
class RulePhasesTest {
    private static Ruleset load(Map<String, String> files) throws RulesetException {
        return new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files);
    }

    private static List<Diagnostic> rejected(Map<String, String> files) {
        return assertThrows(RulesetException.class, () -> load(files)).diagnostics();
    }

    private static Map<String, Integer> salienceByRule(Ruleset ruleset) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (KiePackage p : ruleset.kieBase().getKiePackages()) {
            for (Rule r : p.getRules()) {
                out.put(r.getName(), ((RuleImpl) r).getSalience().getValue());
            }
        }
        return out;
    }

    @Test
    void eachShippedRuleFiresInThePhaseItNamesInTheTablesOrder() throws Exception {
        Ruleset ruleset = load(RulesetLoaderTest.shippedFiles());
        Map<String, Integer> salience = salienceByRule(ruleset);
        List<String> phases = new ArrayList<>();
        ruleset.tables().values(Phase.class).forEach(p -> phases.add(p.phase()));
        String fallback = ruleset.tables().values(Phase.class).stream().filter(p -> p.defaultPhase()).findFirst()
                .orElseThrow().phase();
        // the stream rules (rules/monitoring/) are a knowledge base of their own, judged by event time, not by phase
        List<RuleInfo> phased = ruleset.rules().stream().filter(r -> !r.file().contains(RulesetLoader.STREAM_FOLDER)).toList();
        assertTrue(phased.size() < ruleset.rules().size(), "the stream rules are among the shipped rules");
        assertEquals(java.util.Set.copyOf(salience.keySet()), phased.stream().map(RuleInfo::name)
                .collect(java.util.stream.Collectors.toSet()), "every other rule is in the inspection knowledge base");
        for (RuleInfo r : phased) {
            String phase = r.metadata().getOrDefault("phase", fallback);
            assertTrue(phases.contains(phase), r.name() + " names " + phase);
            for (RuleInfo other : phased) {
                int mine = phases.indexOf(phase);
                int theirs = phases.indexOf(other.metadata().getOrDefault("phase", fallback));
                int bySalience = Integer.compare(salience.get(other.name()), salience.get(r.name()));
                assertEquals(Integer.compare(mine, theirs), bySalience, r.name() + " (" + phase + ") against "
                        + other.name());
            }
        }
        assertEquals("alert", phases.get(0));
        assertEquals(0, salience.get("The site's perimeter must be fully enclosed"), "no @phase: the default phase");
        assertTrue(salience.get("The declared alert is the alert in force")
                > salience.get("The site's perimeter must be fully enclosed"));
        assertTrue(salience.get("A key project found with a dust violation is in breach")
                > salience.get("A key project with a dust violation is held to the measures for key projects in breach"));
    }

    @Test
    void movingAPhaseInTheTableMovesItsRulesWithNoRuleFileChanged() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        String table = files.get("phases.csv");
        String law = table.lines().filter(l -> l.startsWith("law,")).findFirst().orElseThrow();
        files.put("phases.csv", table.replace(law + "\n", "").replace("alert,", law + "\nalert,"));
        Map<String, Integer> salience = salienceByRule(load(files));
        assertTrue(salience.get("The national article applies where no local article replaces it")
                > salience.get("The declared alert is the alert in force"), salience.toString());
    }

    @Test
    void aRuleWritingItsOwnSalienceIsRefusedWhereItStands() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        files.put("penalties/rectification.drl", files.get("penalties/rectification.drl")
                .replace("@legalBasis(\"APPCL\")\nwhen", "@legalBasis(\"APPCL\")\n    salience -22\nwhen"));
        List<Diagnostic> d = rejected(files);
        assertEquals(1, d.size(), d.toString());
        assertEquals("rules/penalties/rectification.drl", d.get(0).file());
        int line = lineOf(files.get("penalties/rectification.drl"), "salience -22");
        assertEquals(line, d.get(0).line(), d.toString());
        assertTrue(d.get(0).message().contains("phases.csv") && d.get(0).message().contains("@phase"), d.toString());
    }

    @Test
    void aPhaseTheTableDoesNotDeclareIsRefusedWithThePhasesItHas() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        files.put("penalties/rectification.drl", files.get("penalties/rectification.drl")
                .replace("@legalBasis(\"APPCL\")\nwhen", "@legalBasis(\"APPCL\") @phase(\"afterwards\")\nwhen"));
        List<Diagnostic> d = rejected(files);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).message().contains("\"afterwards\"") && d.get(0).message().contains("alert, items"),
                d.toString());
        assertEquals(lineOf(files.get("penalties/rectification.drl"), "@phase(\"afterwards\")"), d.get(0).line());
    }

    @Test
    void theTableMarksExactlyOneDefaultPhase() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        files.put("phases.csv", files.get("phases.csv").replace("alert,确定适用的预警级别（含邻近国控站点升级）,false",
                "alert,确定适用的预警级别（含邻近国控站点升级）,true"));
        assertTrue(rejected(files).stream().anyMatch(x -> x.message().contains("a second phase with defaultPhase true")));
        files = RulesetLoaderTest.shippedFiles();
        files.put("phases.csv", files.get("phases.csv").replace(",true", ",false"));
        assertTrue(rejected(files).stream().anyMatch(x -> x.message().contains("no phase has defaultPhase true")));
    }

    @Test
    void compilerDiagnosticsPointAtTheFileAsWritten() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        String broken = """
                package dust
                import cn.lantian.fact.*;

                rule "A rule of the law phase"
                    @code("BROKEN") @title("坏规则") @legalBasis("APPCL-115") @phase("law")
                when
                    SiteBlock.Stockpiles( count > 0 )
                then
                end

                rule "A broken rule"
                    @code("BROKEN") @title("坏规则") @legalBasis("APPCL-115")
                when
                    SiteBlock.Stockpiles( count > )
                then
                end
                """;
        files.put("dust/broken.drl", broken);
        Diagnostic first = rejected(files).get(0);
        assertEquals("rules/dust/broken.drl", first.file());
        assertEquals(14, first.line(), first.toString());
    }

    @Test
    void withoutAPhasesTableAPhaseCannotBeResolved() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("x.drl", """
                package x
                rule "A rule in a phase"
                    @code("X") @title("x") @legalBasis("APPCL") @phase("items")
                when
                then
                end
                """);
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(x -> x.message().contains("no phases.csv")), d.toString());
    }

    private static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
