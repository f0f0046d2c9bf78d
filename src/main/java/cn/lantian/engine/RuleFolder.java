package cn.lantian.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A rules folder as read from disk: the text of each rule file (.drl) and table (.csv) by its path inside
 * the folder ("dust/standards.csv"), and what reading found.
 *
 * <p>Files are read as the tools auditors use save them. UTF-8 is the format; its byte-order mark (Excel's
 * "CSV UTF-8") is dropped. A file that is not UTF-8 is read as GB18030, the superset of GBK that Excel
 * and WPS write for "CSV（逗号分隔）" on Chinese Windows, with a warning naming the file: refusing it would
 * stop a start-up for a file whose every character is known, and the warning says how to save it so that
 * no doubt remains. A file that is neither (UTF-16 "Unicode text", a workbook renamed .csv, bytes of no
 * Chinese encoding) is refused with the file and how to save it.
 *
 * @param notes a warning for each file read as GB18030, an error for each file refused (and left out of {@code files})
 */
public record RuleFolder(Map<String, String> files, List<Diagnostic> notes) {
    private static final Charset GB18030 = Charset.forName("GB18030");
    static final String SAVE_CSV = "save it as CSV in UTF-8 (in Excel: 文件 → 另存为 → “CSV UTF-8（逗号分隔）(*.csv)”)";
    static final String SAVE_DRL = "save it as UTF-8 text (in Notepad: 另存为 → 编码 UTF-8)";

    public RuleFolder {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        notes = List.copyOf(notes);
    }

    /**
     * Reads every .drl and .csv file under {@code dir}. Any other file is refused by its name (its content
     * unread): a rules folder holds nothing else, and Drools would compile some other names too (.dslr,
     * .rdrl, .xls, x.DRL).
     */
    public static RuleFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("rules folder not found: " + dir);
        }
        Map<String, String> files = new TreeMap<>();
        List<Diagnostic> notes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                var badName = RuleSandbox.fileNameProblem(rel);
                if (badName.isPresent()) {
                    notes.add(Diagnostic.error("rules/" + rel, 0, 0, "file name \"" + rel + "\": " + badName.get()));
                    continue;
                }
                String text = decode("rules/" + rel, Files.readAllBytes(p), notes);
                if (text != null) {
                    files.put(rel, text);
                }
            }
        }
        return new RuleFolder(files, notes);
    }

    /** Whether some file could not be read. */
    public boolean refused() {
        return notes.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** Text as it arrives in a request: a byte-order mark at its start is no part of it. */
    public static String withoutBom(String text) {
        return text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A file's bytes as text, or null (with the reason in {@code notes}) when it cannot be read as text. */
    static String decode(String file, byte[] bytes, List<Diagnostic> notes) {
        boolean table = file.endsWith(".csv");
        String save = table ? SAVE_CSV : SAVE_DRL;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            Decoded d = strict(StandardCharsets.UTF_8, bytes, 3);
            if (d.text() == null) {
                notes.add(Diagnostic.error(file, d.badLine(), 0, "starts as UTF-8 (a byte-order mark) but line " + d.badLine()
                        + " is not UTF-8 text; " + save));
            }
            return d.text();
        }
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            notes.add(Diagnostic.error(file, 0, 0, table
                    ? "is UTF-16 text (what Excel saves as “Unicode 文本”, separated by tabs, not commas); " + save
                    : "is UTF-16 text; " + save));
            return null;
        }
        if (startsWith(bytes, 'P', 'K', 3, 4) || startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            notes.add(Diagnostic.error(file, 0, 0, table
                    ? "is an Excel workbook (.xlsx or .xls) with a .csv name, not a CSV table; " + save
                    : "is a binary file, not rule text; " + save));
            return null;
        }
        Decoded utf8 = strict(StandardCharsets.UTF_8, bytes, 0);
        if (utf8.text() != null) {
            return utf8.text();
        }
        Decoded gb = strict(GB18030, bytes, 0);
        if (gb.text() != null) {
            notes.add(new Diagnostic(file, utf8.badLine(), 0, Diagnostic.Severity.WARNING,
                    "is not UTF-8 (line " + utf8.badLine() + "): read as GB18030/GBK, the encoding of “CSV（逗号分隔）”"
                            + " from Excel or WPS on Chinese Windows; if any Chinese text looks wrong, " + save));
            return withoutBom(gb.text());
        }
        notes.add(Diagnostic.error(file, utf8.badLine(), 0, "is neither UTF-8 nor GB18030/GBK text (line " + utf8.badLine()
                + "); " + save));
        return null;
    }

    /**
     * Bytes that must be UTF-8 (a fixture file, a request read from a file): their text without a
     * byte-order mark, or a {@link NotUtf8} naming the line of the first byte that is not UTF-8.
     */
    public static String utf8(byte[] bytes) throws NotUtf8 {
        int from = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        Decoded d = strict(StandardCharsets.UTF_8, bytes, from);
        if (d.text() == null) {
            throw new NotUtf8(d.badLine(), startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF));
        }
        return d.text();
    }

    /** Text that is not UTF-8: the line where the first byte that is not UTF-8 stands, and whether it is UTF-16. */
    public static final class NotUtf8 extends Exception {
        private final int line;

        NotUtf8(int line, boolean utf16) {
            super(utf16 ? "is UTF-16 text, not UTF-8; save it as UTF-8"
                    : "is not UTF-8 (GBK or GB18030, as Notepad and Excel save “ANSI” text on Chinese Windows?); "
                    + "save it as UTF-8", null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** The text, or null and the line of the first byte that is not of the charset. */
    private record Decoded(String text, int badLine) {}

    private static Decoded strict(Charset charset, byte[] bytes, int from) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((bytes.length - from) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int line = 1;
            for (int i = from; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return new Decoded(null, line);
        }
        return new Decoded(out.flip().toString(), 0);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
