package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The documents' wording (rules/documents/parameters.csv) is refused at load, at its row, when a mistake
 * in it would print a parameter's name, a blank, or a misspelt jurisdiction's prefix into a document a
 * bureau signs; a folder without any of it loads (its documents are refused, 409, not printed half-worded).
 */
class DocumentWordingTablesTest {
    private static final String WORDING = "documents/parameters.csv";

    private static List<Diagnostic> rejected(Map<String, String> files) {
        return assertThrows(RulesetException.class, () -> new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files)).diagnostics();
    }

    private static void refusedFor(Map<String, String> files, Predicate<Diagnostic> expected) {
        List<Diagnostic> d = rejected(files);
        assertTrue(d.stream().anyMatch(expected), d.toString());
    }

    private static Map<String, String> edit(String from, String to) throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        String was = files.get(WORDING);
        assertTrue(was.contains(from), WORDING + " no longer holds " + from);
        files.put(WORDING, was.replace(from, to));
        return files;
    }

    @Test
    void aMissingTextIsRefusedNamingIt() throws Exception {
        refusedFor(edit("document.rights.hearing,", "document.rights.heering,"),
                d -> d.message().contains("the documents need the text parameter document.rights.hearing"));
    }

    @Test
    void aMisspeltNameIsReadByNoDocument() throws Exception {
        refusedFor(edit("document.rights.hearing,", "document.rights.heering,"),
                d -> d.file().equals("rules/" + WORDING) && d.line() > 1
                        && d.message().contains("document.rights.heering is read by no document"));
    }

    @Test
    void aPrefixForAJurisdictionTheRulesDoNotKnowIsRefused() throws Exception {
        refusedFor(edit("document.prefix.zhengzhou.penalty-notice,", "document.prefix.zhengzou.penalty-notice,"),
                d -> d.line() > 1 && d.message().contains("no JURISDICTION label has the code zhengzou"));
    }

    @Test
    void aPrefixForAnUnknownDocumentIsRefused() throws Exception {
        refusedFor(edit("document.prefix.zhengzhou.penalty-notice,", "document.prefix.zhengzhou.penalty-notise,"),
                d -> d.line() > 1 && d.message().contains("a number prefix ends with a document"));
    }

    @Test
    void aPlaceholderWithNoValueIsRefused() throws Exception {
        refusedFor(edit("违反了{articles}的规定。依据《中华人民共和国行政处罚法》第二十八条", "违反了{article}的规定。依据《中华人民共和国行政处罚法》第二十八条"),
                d -> d.message().contains("document.rectification.order shows {article}, which is no parameter")
                        && d.message().contains("{articles}"));
    }

    @Test
    void theDigitsAreANumber() throws Exception {
        refusedFor(edit("document.number.digits,4,number", "document.number.digits,4,text"),
                d -> d.message().contains("document.number.digits must be of type number, not text"));
    }

    @Test
    void aFolderWithoutDocumentsLoads() throws Exception {
        Map<String, String> files = RulesetLoaderTest.shippedFiles();
        files.remove(WORDING);
        assertDoesNotThrow(() -> new RulesetLoader(cn.lantian.PinnedClock.fixed()).load(files));
    }
}
