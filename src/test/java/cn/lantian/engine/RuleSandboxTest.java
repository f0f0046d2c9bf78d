package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.lantian.EscapeCorpus;
import cn.lantian.EscapeCorpus.Escape;
import cn.lantian.PinnedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The sandbox on the loader itself: the shipped rules and the rule forms they and later packs use pass;
 * every escape attempt of the corpus is refused with its file, line and reason, and its payload never
 * runs; each live payload does run when Drools compiles it alone, so the refusal is what stops it.
 */
class RuleSandboxTest {

    @BeforeAll
    static void marks() throws Exception {
        EscapeCorpus.prepareMarks();
    }

    private static Map<String, String> shipped() throws Exception {
        return new TreeMap<>(RulesetLoader.files(Path.of("rules")));
    }

    @Test
    void theShippedRulesAndTheTestRulesPass() throws Exception {
        assertEquals(List.of(), RuleSandbox.check(shipped()));
        Map<String, String> dated = shipped();
        dated.put("dust/winter-campaign.drl", Files.readString(Path.of("src/test/resources/dated/overlay/dust/winter-campaign.drl")));
        assertEquals(List.of(), RuleSandbox.check(dated));
    }

    /** A file the sandbox cannot parse is left to the compiler: each shipped file must be one it reads through. */
    @TestFactory
    Stream<DynamicTest> everyShippedRuleFileIsReadThrough() throws Exception {
        return shipped().keySet().stream().filter(n -> n.endsWith(".drl")).map(name -> dynamicTest(name, () -> {
            Map<String, String> files = shipped();
            files.put(name, files.get(name) + "\nrule \"Appended\"\n    @code(\"X\") @title(\"x\") @legalBasis(\"APPCL\")\n"
                    + "    @check(java.lang.System.getProperty(\"user.home\"))\nwhen\nthen\nend\n");
            assertTrue(RuleSandbox.check(files).stream().anyMatch(d -> d.file().equals("rules/" + name)
                    && d.message().contains("must be a literal")), name);
        }));
    }

    @Test
    void streamRulesWithLiteralMetadataPass() throws Exception {
        Map<String, String> files = shipped();
        files.put("alerts/stream.drl", """
                package alerts
                import cn.lantian.fact.*;
                import function cn.lantian.engine.Emit.violation;

                declare Inspection @role(event) @timestamp(inspectedAt) end
                declare Reading
                    @role(event) @timestamp(at) @expires(2h)
                    station : String @key
                    value : double
                    at : java.util.Date
                end

                rule "An hour of readings above the limit"
                    @code("SUSTAINED") @title("持续超标") @legalBasis("APPCL") @threshold(150) @strict(true)
                    salience -5
                    no-loop true
                when
                    $r : Reading(value > 10) over window:time(1h)
                    $avg : Number(doubleValue > 150) from accumulate(
                        Reading($v : value, station == $r.station) over window:time(1h), average($v))
                    Reading(this after[0s,1h] $r, station in ("a", "b"), station not in ("c"), station str[startsWith] "a")
                    accumulate(Reading($w : value); $s : sum($w), $c : count())
                    eval($c > 1 && $s > 2.0)
                    exists(Reading(value > 1 && < 5) or Reading(station matches "a.*"))
                    $t : Reading() from entry-point "readings"
                then
                    violation(kcontext, $avg.doubleValue(), 150.0, "一小时平均 " + $avg + " 超过 150：" + $r.getStation());
                end
                """);
        assertEquals(List.of(), RuleSandbox.check(files));
    }

    @Test
    void aRefusalSaysWhereAndWhy() throws Exception {
        Map<String, String> files = shipped();
        files.put("dust/probe.drl", """
                package dust
                import cn.lantian.fact.*;

                rule "A probe"
                    @code("PROBE") @title("探针") @legalBasis("APPCL")
                when
                    $s : Site()
                then
                    String name = $s.activities().toString();
                    java.lang.Runtime.getRuntime().exec(name);
                end
                """);
        List<Diagnostic> d = RuleSandbox.check(files);
        assertEquals(1, d.size(), d.toString());
        assertEquals("rules/dust/probe.drl", d.get(0).file());
        assertEquals(10, d.get(0).line());
        assertEquals(5, d.get(0).column());
        assertTrue(d.get(0).message().contains("java.lang.Runtime is not a class rules may use"), d.toString());
    }

    private static List<Diagnostic> consequence(String code) throws Exception {
        Map<String, String> files = shipped();
        files.put("dust/snippet.drl", "package dust\nimport cn.lantian.fact.*;\nimport java.util.List;\n\n"
                + "rule \"A snippet\"\n    @code(\"SNIPPET\") @title(\"片段\") @legalBasis(\"APPCL\")\nwhen\n"
                + "    $s : Site($a : activities)\n    $v : Violation()\nthen\n" + code + "\nend\n");
        return RuleSandbox.check(files);
    }

    @Test
    void plainValueCodePasses() throws Exception {
        assertEquals(List.of(), consequence("""
                    int most = Math.max($a.size(), 2);
                    String joined = String.join(",", List.of("a", $v.code())) + most;
                    java.util.List<String> names = new java.util.ArrayList<>();
                    names.add(joined.strip().toUpperCase());
                    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
                    for (java.util.Map.Entry<String, Integer> e : counts.entrySet()) { names.add(e.getKey()); }
                    java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 14).plusDays(3);
                    var label = switch ($v.code()) { case "A" -> "a"; default -> "b"; };
                    insert(new KeyProjectBreach(label + day + cn.lantian.engine.Emit.num(1.5)));
                """));
    }

    /** Forms refused whatever they call: each would reach past the values or could run for ever. */
    @TestFactory
    Stream<DynamicTest> formsOutsideTheAllowListAreRefused() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("while (true) { }", "loops other than for-each");
        refused.put("for (int i = 0; i < 3; i++) { }", "loops other than for-each");
        refused.put("List.of(1).forEach(x -> { });", "a lambda is not allowed");
        refused.put("String n = String.class.getName();", "a class literal");
        refused.put("@SuppressWarnings(\"x\") String s = \"\";", "annotations are not allowed");
        refused.put("java.time.LocalDate d = java.time.LocalDate.now();", "the wall clock");
        refused.put("java.util.Date d = new java.util.Date();", "new Date() reads the wall clock");
        refused.put("int[] a = new int[3];", "creating an array");
        refused.put("try { insert($v); } catch (Exception e) { }", "try and throw");
        refused.put("long c = $a.stream().count();", "returns java.util.stream.Stream");
        refused.put("Object o = $v; o.hashCode(); o.notify();", "reaches threads");
        refused.put("String p = \"\" + Integer.getInteger(\"lantian.pg.password\");", "reaches system properties");
        refused.put("drools.halt();", "kcontext and drools may only be passed");
        refused.put("this.toString();", "is not allowed in rules");
        return refused.entrySet().stream().map(r -> dynamicTest(r.getKey(), () -> {
            List<Diagnostic> d = consequence("    " + r.getKey());
            assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/dust/snippet.drl") && x.line() == 11
                    && x.message().contains(r.getValue())), d.toString());
        }));
    }

    @Test
    void aFunctionThatCallsItselfIsRefused() throws Exception {
        Map<String, String> files = shipped();
        files.put("dust/recursion.drl", """
                package dust

                function int depth(int n) {
                    return n <= 0 ? 0 : 1 + depth(n - 1);
                }
                """);
        List<Diagnostic> d = RuleSandbox.check(files);
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/dust/recursion.drl") && x.line() == 3
                && x.message().contains("calls itself")), d.toString());
    }

    @Test
    void aFolderHoldsOnlyRuleFilesAndTables() throws Exception {
        Path folder = Path.of("target", "sandbox-folder");
        cn.lantian.TestFolders.copy(Path.of("rules"), folder);
        Files.writeString(folder.resolve("dust/notes.DRL"), "package dust\n");
        RulesetException e = assertThrows(RulesetException.class,
                () -> new RulesetLoader(PinnedClock.fixed()).load(folder));
        assertTrue(e.diagnostics().stream().anyMatch(x -> x.file().equals("rules/dust/notes.DRL")
                && x.message().contains("only .drl rule files and .csv tables")), e.diagnostics().toString());
    }

    /** Every attempt through the loader: refused where it says, and no trace of its payload. */
    @TestFactory
    Stream<DynamicTest> everyEscapeIsRefusedBeforeItRuns() {
        return EscapeCorpus.all().stream().map(e -> dynamicTest(e.toString(), () -> {
            String mark = EscapeCorpus.mark("loader", e);
            Map<String, String> files = shipped();
            files.putAll(e.files(mark));
            RulesetException refused = assertThrows(RulesetException.class,
                    () -> new RulesetLoader(PinnedClock.fixed()).load(files));
            assertRefused(e, refused.diagnostics());
            assertFalse(EscapeCorpus.traceOf(mark), "the payload of " + e + " ran");
        }));
    }

    /** Drools alone runs every live payload: the corpus tests something. */
    @TestFactory
    Stream<DynamicTest> everyLivePayloadRunsWithoutTheSandbox() {
        return EscapeCorpus.all().stream().filter(e -> e.live() && !e.service()).map(e -> dynamicTest(e.toString(), () -> {
            String mark = EscapeCorpus.mark("control", e);
            String errors = EscapeCorpus.control(e, mark);
            assertTrue(EscapeCorpus.traceOf(mark), "the payload of " + e + " left no trace without the sandbox: " + errors);
        }));
    }

    static void assertRefused(Escape e, List<Diagnostic> diagnostics) {
        assertTrue(diagnostics.stream().anyMatch(d -> d.file().equals(e.file()) && d.line() == e.line()
                        && (e.line() == 0 || d.column() > 0) && d.message().contains(e.reason())),
                e + " should be refused at " + e.file() + ":" + e.line() + " for \"" + e.reason() + "\"; got " + diagnostics);
    }
}
