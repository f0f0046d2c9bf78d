package cn.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestFolders;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.Reference;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tables as auditors save them from Excel or WPS, and the one check every cell passes whichever way a
 * table arrives: a table that reads is read to the same rows; one that cannot be read, or holds a cell
 * of the wrong kind, is refused with its file, line and column and a message in plain words.
 */
class SpreadsheetTablesTest {
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 12, 14), LocalDate.of(2027, 1, 5),
            LocalDate.of(2027, 3, 5));

    private static RulesetLoader loader() {
        return new RulesetLoader(PinnedClock.fixed());
    }

    /** The shipped rules with the dated overlay: tables with effective dates among them. */
    private static Path datedRules(String name) throws IOException {
        Path dir = Path.of("target", name);
        TestFolders.copy(Path.of("rules"), dir);
        TestFolders.copyInto(Path.of("src/test/resources/dated/overlay"), dir);
        return dir;
    }

    private static List<Diagnostic> refused(Path dir) {
        return assertThrows(RulesetException.class, () -> loader().load(dir)).diagnostics();
    }

    private static List<Diagnostic> refused(Map<String, String> files) {
        return assertThrows(RulesetException.class, () -> loader().load(files)).diagnostics();
    }

    /** Every table of the reference on a day, for comparing two readings row by row. */
    private static List<List<?>> tables(Reference r) {
        List<Function<Reference, List<?>>> all = List.of(Reference::standardItems, Reference::parameters,
                Reference::jurisdictions, Reference::alertSteps, Reference::siteMeasures, Reference::productionMeasures,
                Reference::truckBans, Reference::warningConditions, Reference::legalBases,
                Reference::breachArticles, Reference::labels, Reference::discretionFactors, Reference::campaignRules);
        return all.stream().<List<?>>map(f -> f.apply(r)).toList();
    }

    /**
     * A table as Excel writes it back after opening and saving it as "CSV UTF-8": a byte-order mark, CRLF,
     * an empty trailing column on every line, a cell holding a quote or a comma quoted (a note among
     * them), true/false upper-cased, a time of day without its leading zero, dates as 2027/1/1.
     */
    private static String asExcelSavesIt(String table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        for (String line : table.split("\n")) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.startsWith("#") ? new String[] {line} : line.split(",", -1)) {
                String c = cell.equals("true") ? "TRUE" : cell.equals("false") ? "FALSE" : cell;
                c = c.matches("0\\d:\\d\\d") ? c.substring(1) : c;
                c = c.matches("\\d{4}-\\d\\d-\\d\\d") ? LocalDate.parse(c).getYear() + "/" + LocalDate.parse(c).getMonthValue()
                        + "/" + LocalDate.parse(c).getDayOfMonth() : c;
                cells.add(c.contains("\"") || c.contains(",") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
            }
            cells.add("");
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    @Test
    void everyTableAsExcelSavesItReadsToTheSameRows() throws Exception {
        Path plain = datedRules("tables-plain");
        Path excel = datedRules("tables-excel");
        List<Path> tables;
        try (Stream<Path> walk = Files.walk(excel)) {
            tables = walk.filter(p -> p.toString().endsWith(".csv")).toList();
        }
        for (Path table : tables) {
            Files.writeString(table, asExcelSavesIt(Files.readString(table)));
        }
        // numbers as Excel formats them: scientific, and with thousands separators (a quoted cell)
        TestFolders.edit(excel.resolve("penalties/legal-bases.csv"),
                Map.of("第一百一十五条对应条款，条款号待核）,10000,100000,", "第一百一十五条对应条款，条款号待核）,1.0E4,\"100,000\","));
        TestFolders.edit(excel.resolve("dust/parameters.csv"), Map.of("pm10.hourlyLimit,120,", "pm10.hourlyLimit,1.2E2,"));
        assertTrue(Files.readString(excel.resolve("alerts/key-project-breach.csv")).contains("\"# 重点项目（保障工程）\"\"存在"),
                "a note holding a quote is quoted, as Excel writes it");

        Ruleset expected = loader().load(plain);
        Ruleset read = loader().load(excel);
        assertEquals(List.of(), read.warnings().stream().filter(w -> w.file().endsWith(".csv")).toList());
        for (LocalDate day : DAYS) {
            assertEquals(tables(expected.referenceAt(day)), tables(read.referenceAt(day)), day.toString());
        }
        Reference winter = read.referenceAt(LocalDate.of(2027, 1, 5));
        assertEquals("06:00", winter.parameter("nightEarthwork.to").orElseThrow().value());
        assertEquals(120.0, winter.parameter("pm10.hourlyLimit").orElseThrow().getNumber());
        LawArticle dust = winter.legalBases().stream().filter(l -> l.code().equals("EEC-AIR-115")).findFirst().orElseThrow();
        assertEquals(10000L, dust.fineMinYuan());
        assertEquals(100000L, dust.fineMaxYuan());
    }

    @Test
    void aTableAndARuleFileSavedAsGbkAreReadWithAWarningNamingThem() throws Exception {
        Path dir = datedRules("tables-gbk");
        Map<String, String> original = RulesetLoader.files(dir);
        for (String f : List.of("dust/parameters.csv", "dust/standard-items.drl")) {
            Files.write(dir.resolve(f), original.get(f).getBytes(GB18030));
        }
        Ruleset read = loader().load(dir);
        assertEquals(loader().load(original).version(), read.version(), "the same text, whatever its encoding");
        assertEquals("工地 PM10 小时浓度限值", read.referenceAt(DAYS.get(0)).parameter("pm10.hourlyLimit").orElseThrow().title());
        assertEquals("µg/m³", read.referenceAt(DAYS.get(0)).parameter("pm10.hourlyLimit").orElseThrow().unit());
        for (String f : List.of("rules/dust/parameters.csv", "rules/dust/standard-items.drl")) {
            Diagnostic w = read.warnings().stream().filter(d -> d.file().equals(f)).findFirst().orElseThrow(
                    () -> new AssertionError("no warning for " + f + ": " + read.warnings()));
            assertEquals(Diagnostic.Severity.WARNING, w.severity());
            assertTrue(w.message().contains("GB18030/GBK") && w.message().contains("UTF-8"), w.message());
            assertTrue(w.line() >= 1, w.toString());
        }
    }

    @Test
    void aFileThatIsNoTextOfAChineseEncodingIsRefusedWithItsNameAndHowToSaveIt() throws Exception {
        Path dir = datedRules("tables-unreadable");
        String parameters = Files.readString(dir.resolve("dust/parameters.csv"));
        byte[] utf16 = ("\uFEFF" + parameters.replace(',', '\t')).getBytes(StandardCharsets.UTF_16LE);
        Files.write(dir.resolve("dust/parameters.csv"), utf16);
        byte[] broken = "name,value\r\nx,1\r\ny,\u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1);
        broken[broken.length - 3] = (byte) 0xFF; // no lead byte in UTF-8 or GB18030
        Files.write(dir.resolve("jurisdictions.csv"), broken);
        Files.write(dir.resolve("alerts/alert-levels.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});

        List<Diagnostic> d = refused(dir);
        Diagnostic utf16Refusal = only(d, "rules/dust/parameters.csv");
        assertTrue(utf16Refusal.message().contains("UTF-16") && utf16Refusal.message().contains("CSV UTF-8（逗号分隔）"),
                utf16Refusal.message());
        Diagnostic bytes = only(d, "rules/jurisdictions.csv");
        assertEquals(3, bytes.line(), bytes.toString());
        assertTrue(bytes.message().contains("neither UTF-8 nor GB18030"), bytes.message());
        assertTrue(only(d, "rules/alerts/alert-levels.csv").message().contains("Excel workbook"), d.toString());
        assertTrue(d.stream().allMatch(x -> x.severity() == Diagnostic.Severity.ERROR), d.toString());

        // the folder listing validate and compare start from names the file too, never "Input length = 1"
        IOException e = assertThrows(IOException.class, () -> RulesetLoader.files(dir));
        assertTrue(e.getMessage().contains("rules/jurisdictions.csv"), e.getMessage());
    }

    private static Diagnostic only(List<Diagnostic> d, String file) {
        List<Diagnostic> of = d.stream().filter(x -> x.file().equals(file)).toList();
        assertEquals(1, of.size(), d.toString());
        return of.get(0);
    }

    @Test
    void aTableHandedOverAsTextWithAByteOrderMarkKeepsItsHeader() throws Exception {
        Map<String, String> files = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        Ruleset expected = loader().load(files);
        files.replaceAll((name, text) -> name.endsWith(".csv") ? "\uFEFF" + text : text);
        Ruleset read = loader().load(files);
        for (LocalDate day : DAYS) {
            assertEquals(tables(expected.referenceAt(day)), tables(read.referenceAt(day)), day.toString());
        }
    }

    /** The line of {@code file} (from 1) that starts with {@code start}. */
    private static int lineOf(String text, String start) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(start)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no line starts " + start);
    }

    @Test
    void aThresholdThatIsNoNumberIsRefusedTheSameFromDiskAndFromARequest() throws Exception {
        Path dir = datedRules("tables-bad-threshold");
        TestFolders.edit(dir.resolve("dust/parameters.csv"), Map.of("pm10.hourlyLimit,150,", "pm10.hourlyLimit,abc,"));
        Diagnostic expected = Diagnostic.error("rules/dust/parameters.csv",
                lineOf(Files.readString(dir.resolve("dust/parameters.csv")), "pm10.hourlyLimit,abc"), 18,
                "column value of pm10.hourlyLimit must be a number (type number), not \"abc\"");
        // start-up, reload and check read the folder; validate and compare hand over its text
        assertEquals(List.of(expected), refused(dir));
        Map<String, String> sent = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        sent.putAll(RulesetLoader.files(dir));
        assertEquals(List.of(expected), refused(sent));
    }

    @Test
    void aCellOfTheWrongKindIsNamedInPlainWordsWithItsLineAndColumn() throws Exception {
        Map<String, String> files = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        files.put("penalties/legal-bases.csv", files.get("penalties/legal-bases.csv")
                .replace("第一百一十六条,2000,20000,true,", "第一百一十六条,abc,2.5,yes,"));
        files.put("alerts/alert-levels.csv", files.get("alerts/alert-levels.csv").replace("BLUE,YELLOW,", "BLUE,PURPLE,"));
        files.put("alerts/warning-criteria.csv", files.get("alerts/warning-criteria.csv") + "RED,3,above,,1,MEE-2017-ALERT\n");
        files.put("penalties/discretion-factors.csv", files.get("penalties/discretion-factors.csv")
                + "RECURRENCE,5,,30,x,BENCHMARK,LOCAL-default-DISCRETION,2027-02-30\n");
        List<Diagnostic> d = refused(files);
        int line116 = lineOf(files.get("penalties/legal-bases.csv"), "APPCL-116,");
        // APPCL-116,,,《大气污染防治法》第一百一十六条,abc,2.5,yes: the cells start at characters 30, 34 and 38
        assertTrue(d.contains(Diagnostic.error("rules/penalties/legal-bases.csv", line116, 30,
                "column fineMinYuan must be a whole number, not \"abc\"")), d.toString());
        assertTrue(d.contains(Diagnostic.error("rules/penalties/legal-bases.csv", line116, 34,
                "column fineMaxYuan must be a whole number, not \"2.5\"")), d.toString());
        assertTrue(d.contains(Diagnostic.error("rules/penalties/legal-bases.csv", line116, 38,
                "column ordersCorrection must be true or false, not \"yes\"")), d.toString());
        assertTrue(d.contains(Diagnostic.error("rules/alerts/alert-levels.csv", lineOf(files.get("alerts/alert-levels.csv"), "BLUE,"),
                6, "column stricter must be one of NONE, BLUE, YELLOW, ORANGE, RED, not \"PURPLE\"")), d.toString());
        int emptyAqi = lineOf(files.get("alerts/warning-criteria.csv"), "RED,3,");
        assertTrue(d.contains(Diagnostic.error("rules/alerts/warning-criteria.csv", emptyAqi, 13, "column aqi is empty")),
                d.toString());
        assertTrue(d.stream().anyMatch(x -> x.file().equals("rules/penalties/discretion-factors.csv")
                && x.message().startsWith("the row has more cells than the header has columns")), d.toString());
        for (Diagnostic x : d) {
            assertFalse(x.message().matches("(?s).*(java\\.|cn\\.lantian|Long|Integer|Cannot deserialize|\\bclass\\b).*"),
                    x.toString());
        }
    }

    @Test
    void aParameterValueNotOfItsTypeIsRefused() throws Exception {
        Map<String, String> files = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        files.put("dust/parameters.csv", files.get("dust/parameters.csv")
                .replace("nightEarthwork.from,22:00,time,", "nightEarthwork.from,25:00,time,")
                .replace("enclosure.minHeight.other,1.8,number,", "enclosure.minHeight.other,1.8,numeric,"));
        files.put("penalties/parameters.csv", files.get("penalties/parameters.csv")
                .replace("calendar.timeZone,Asia/Shanghai,zone,", "calendar.timeZone,Asia/Beijing,zone,"));
        List<Diagnostic> d = refused(files);
        String dust = files.get("dust/parameters.csv");
        assertEquals(List.of(
                Diagnostic.error("rules/dust/parameters.csv", lineOf(dust, "enclosure.minHeight.other,"), 31,
                        "column type must be one of number, time, zone, text, not \"numeric\""),
                Diagnostic.error("rules/dust/parameters.csv", lineOf(dust, "nightEarthwork.from,"), 21,
                        "column value of nightEarthwork.from must be a time of day written HH:mm such as 22:00 (type time), not \"25:00\""),
                Diagnostic.error("rules/penalties/parameters.csv", lineOf(files.get("penalties/parameters.csv"), "calendar.timeZone,"), 19,
                        "column value of calendar.timeZone must name a time zone such as Asia/Shanghai (type zone), not \"Asia/Beijing\"")),
                d);
    }

    @Test
    void aParameterReadAsANumberMustBeOfTypeNumber() throws Exception {
        Map<String, String> files = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        files.put("dust/parameters.csv", files.get("dust/parameters.csv")
                .replace("pm10.hourlyLimit,150,number,", "pm10.hourlyLimit,150,text,"));
        files.put("alerts/parameters.csv", files.get("alerts/parameters.csv")
                .replace("episode.maxGapDays,1,number,", "episode.maxGapDays,1,text,"));
        files.put("penalties/parameters.csv", files.get("penalties/parameters.csv")
                .replace("calendar.timeZone,Asia/Shanghai,zone,", "calendar.timeZone,Asia/Shanghai,text,"));
        List<Diagnostic> d = refused(files);
        assertTrue(d.contains(Diagnostic.error("rules/alerts/parameters.csv", lineOf(files.get("alerts/parameters.csv"),
                "episode.maxGapDays,"), 1, "episode.maxGapDays must be of type number, not text")), d.toString());
        assertTrue(d.contains(Diagnostic.error("rules/penalties/parameters.csv", lineOf(files.get("penalties/parameters.csv"),
                "calendar.timeZone,"), 1, "calendar.timeZone must be of type zone, not text")), d.toString());
        String drl = files.get("dust/related-duties.drl");
        int pm10Line = lineOf(files.get("dust/parameters.csv"), "pm10.hourlyLimit,");
        assertTrue(d.contains(Diagnostic.error("rules/dust/related-duties.drl",
                lineOf(drl, "    Parameter($limit : number) from ref.parameterNamed(\"pm10.hourlyLimit\")"), 5,
                "reads parameter pm10.hourlyLimit as a number, but rules/dust/parameters.csv line " + pm10Line
                        + " gives it type text")), d.toString());
        assertEquals(3, d.size(), d.toString());
    }

    @Test
    void aRuleThatReadsOrShowsAParameterNoTableDefinesIsRefused() throws Exception {
        Map<String, String> files = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        files.put("dust/typos.drl", """
                package dust
                import cn.lantian.fact.*;

                rule "A stockpile limit read under a misspelt name"
                    @code("STOCKPILE_COVER") @title("物料堆放覆盖") @legalBasis("APPCL-115")
                    @check("清点物料堆") @record("site.stockpiles.count, site.stockpiles.covered")
                    @criterion("物料堆不多于 {stockpile.maxCount}，PM10 不高于 {pm10.hourlyLimit}")
                when
                    // Parameter($n : number) from ref.parameterNamed("commented.out") is no read
                    Parameter($max : number) from ref.parameterNamed("stockpile.maxCuont")
                    SiteBlock.Stockpiles( count > $max )
                then
                end
                """);
        List<Diagnostic> d = refused(files);
        assertEquals(List.of(
                Diagnostic.error("rules/dust/typos.drl", 10, 55, "reads parameter stockpile.maxCuont, which no parameters.csv defines"),
                Diagnostic.error("rules/dust/typos.drl", 7, 24, "rule \"A stockpile limit read under a misspelt name\": "
                        + "@criterion shows {stockpile.maxCount}, which no parameters.csv defines")), d);
    }

    @Test
    void aTableThatIsNoCsvSaysWhere() throws Exception {
        Map<String, String> files = new TreeMap<>(RulesetLoader.files(Path.of("rules")));
        files.put("jurisdictions.csv", "jurisdiction,standard,legalBasis\nzhengzhou,\"EIGHT,LOCAL-zhengzhou-DUST\n");
        files.put("alerts/key-project-breach.csv", "article,title,legalBasis,,note\nAPPCL-115,施工,LOCAL-default-DISCRETION,x,\n");
        files.put("dust/standards.csv", "standard\titem\tlegalBasis\r\nSIX\tENCLOSURE\tBLUESKY-2018\r\n");
        List<Diagnostic> d = refused(files);
        assertTrue(d.contains(Diagnostic.error("rules/dust/standards.csv", 1, 1,
                "the header is separated by tabs, not commas; " + RuleFolder.SAVE_CSV)), d.toString());
        assertTrue(d.contains(Diagnostic.error("rules/jurisdictions.csv", 2, 11,
                "a quoted cell starts here and its closing quote never comes")), d.toString());
        assertTrue(d.contains(Diagnostic.error("rules/alerts/key-project-breach.csv", 1, 27, "unknown column \"note\"; the columns"
                + " are article, title, legalBasis, and effectiveFrom, effectiveTo for a dated row, noFixtureBecause for a row"
                + " no fixture needs to reach")), d.toString());
    }
}
