package cn.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.lantian.EscapeCorpus;
import cn.lantian.TestFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The auditor's {@code check} on a folder holding an escape attempt: it stops with status 2 and the file,
 * line and reason, and nothing of the attempt runs. A looping rule fails its cases instead of hanging.
 */
class SandboxCheckTest {
    private static final Path FOLDERS = Path.of("target", "cli-escapes");

    @BeforeAll
    static void marks() throws Exception {
        EscapeCorpus.prepareMarks();
    }

    /** Each attempt whose files can lie in a folder (a name outside it cannot), in a copy of the rules. */
    @TestFactory
    Stream<DynamicTest> everyEscapeInTheFolderIsRefusedBeforeItRuns() {
        return EscapeCorpus.all().stream()
                .filter(e -> e.files().keySet().stream().noneMatch(n -> n.startsWith("/") || n.startsWith("../")))
                .map(e -> dynamicTest(e.toString(), () -> {
                    String mark = EscapeCorpus.mark("cli", e);
                    Path rules = FOLDERS.resolve(e.id());
                    TestFolders.copy(Path.of("rules"), rules);
                    for (Map.Entry<String, String> f : e.files(mark).entrySet()) {
                        Path p = rules.resolve(f.getKey());
                        Files.createDirectories(p.getParent());
                        Files.writeString(p, f.getValue());
                    }
                    CheckCommandTest.Run run = CheckCommandTest.check("--rules", rules.toString());
                    assertEquals(2, run.status(), run.output());
                    assertTrue(run.output().contains("  " + e.file() + ":" + e.line() + ":"), e + ": " + run.output());
                    assertTrue(run.output().contains(e.reason()), e + ": " + run.output());
                    assertEquals("0 passed, 0 failed", run.lastLine());
                    assertFalse(EscapeCorpus.traceOf(mark), "the payload of " + e + " ran");
                }));
    }

    @Test
    void aRuleThatFeedsItselfFailsItsCasesInsteadOfHanging() throws Exception {
        CheckCommandTest.Run run = checkLooping("self-feeding", EscapeCorpus.SELF_FEEDING_RULE);
        assertTrue(run.output().matches("(?s).*Fired most: \"Every tick makes the next one\" 99\\d\\d times.*"), run.output());
    }

    @Test
    void rulesThatFeedEachOtherFailTheirCasesInsteadOfHanging() throws Exception {
        CheckCommandTest.Run run = checkLooping("mutual", EscapeCorpus.MUTUAL_RULES);
        assertTrue(run.output().matches("(?s).*Fired most: \"A p[io]ng is answered by a p[io]ng\" 49\\d\\d times, "
                + "\"A p[io]ng is answered by a p[io]ng\" 49\\d\\d times.*"), run.output());
    }

    private static CheckCommandTest.Run checkLooping(String name, String drl) throws Exception {
        Path rules = FOLDERS.resolve(name);
        TestFolders.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("dust/loops.drl"), drl);
        Path fixtures = FOLDERS.resolve(name + "-fixtures");
        TestFolders.copy(Path.of("fixtures/dust"), fixtures);
        try (Stream<Path> others = Files.list(fixtures)) {
            for (Path p : others.filter(p -> !p.getFileName().toString().equals("local-time.json")).toList()) {
                Files.delete(p);
            }
        }
        CheckCommandTest.Run run = CheckCommandTest.check("--rules", rules.toString(), "--fixtures", fixtures.toString());
        assertEquals(1, run.status(), run.output());
        // every case is an inspection, so every case loops, and each says so instead of the run hanging
        assertTrue(run.lastLine().matches("0 passed, [1-9]\\d* failed"), run.lastLine());
        assertTrue(run.output().contains("the rules failed on this case: FiringLimitException: the rules fired 10000 "
                + "times without coming to rest"), run.output());
        return run;
    }
}
