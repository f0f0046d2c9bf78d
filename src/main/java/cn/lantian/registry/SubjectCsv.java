package cn.lantian.registry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The city's emergency-reduction list (应急减排清单) as a CSV file, read and written: UTF-8 with or without a
 * byte-order mark, or GB18030/GBK as Excel and WPS save “CSV（逗号分隔）” on Chinese Windows. Cells as
 * spreadsheets write them (RFC 4180: quoted cells, "" for a quote, LF, CRLF or CR line ends); each cell is
 * known by its line and column, so that a bad one can be named.
 */
public final class SubjectCsv {
    private SubjectCsv() {}

    static final Charset GB18030 = Charset.forName("GB18030");

    /** The columns, in the order the export writes them; each with the other names the import accepts. */
    public enum Column {
        ID("编号", "对象编号", "id"),
        KIND("类型", "对象类型", "kind"),
        NAME("名称", "企业名称", "项目名称", "工地名称", "name"),
        CREDIT_CODE("统一社会信用代码", "信用代码", "creditCode"),
        PROJECT_CODE("项目编号", "项目代码", "projectCode"),
        JURISDICTION("辖区", "所属辖区", "jurisdiction"),
        ADDRESS("地址", "详细地址", "address"),
        LEGAL_REPRESENTATIVE("法定代表人", "法人代表", "legalRepresentative"),
        BUILDER("建设单位", "builder"),
        CONTRACTOR("施工单位", "contractor"),
        PERFORMANCE_GRADE("绩效分级", "绩效等级", "performanceGrade"),
        INDUSTRY("行业", "所属行业", "industry");

        final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

        public String header() {
            return names.get(0);
        }

        static Column named(String header) {
            for (Column c : values()) {
                if (c.names.contains(header)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** A cell as read: its text and where it stands in the file (lines and columns from 1). */
    public record Cell(String text, int line, int column) {}

    /** A record of the file: the line it starts on and its cells. */
    public record Line(int line, List<Cell> cells) {}

    /** The bytes as text, or null when they are neither UTF-8 nor GB18030. */
    public static String decode(byte[] bytes) {
        int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String utf8 = strict(StandardCharsets.UTF_8, bytes, from);
        if (utf8 != null || from == 3) {
            return utf8;
        }
        String gb = strict(GB18030, bytes, 0);
        return gb != null && gb.startsWith("\uFEFF") ? gb.substring(1) : gb;
    }

    private static String strict(Charset charset, byte[] bytes, int from) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The records of the text; blank lines are skipped. An unclosed quote is reported as a cell of its own line. */
    public static List<Line> records(String s, List<String> problems) {
        List<Line> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < n) {
            int recordLine = line;
            List<Cell> cells = new ArrayList<>();
            while (true) {
                int cellLine = line;
                int column = cells.size() + 1;
                StringBuilder text = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char ch = s.charAt(i);
                        if (ch == '"') {
                            if (i + 1 < n && s.charAt(i + 1) == '"') {
                                text.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (ch == '\n' || ch == '\r' && !(i + 1 < n && s.charAt(i + 1) == '\n')) {
                            line++;
                        }
                        text.append(ch);
                        i++;
                    }
                    if (!closed) {
                        problems.add("line " + cellLine + ", column " + column + ": a quoted cell is never closed");
                        return out;
                    }
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        text.append(s.charAt(i++)); // text after the closing quote, as spreadsheets keep it
                    }
                } else {
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        text.append(s.charAt(i++));
                    }
                }
                cells.add(new Cell(text.toString().strip(), cellLine, column));
                if (i < n && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                break;
            }
            if (i < n && s.charAt(i) == '\r') {
                i++;
            }
            if (i < n && s.charAt(i) == '\n') {
                i++;
            }
            line++;
            lineStart = i;
            if (!(cells.size() == 1 && cells.get(0).text().isEmpty())) {
                out.add(new Line(recordLine, cells));
            }
        }
        return out;
    }

    /** A CSV cell: quoted when it holds a comma, a quote or a line end; a leading = + - @ is kept from running as a formula. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** The header cells by column, or the problems with them. */
    public static Map<Column, Integer> header(Line header, List<String> problems) {
        Map<Column, Integer> at = new LinkedHashMap<>();
        for (Cell c : header.cells()) {
            Column col = Column.named(c.text());
            if (col == null) {
                problems.add("line " + c.line() + ", column " + c.column() + ": unknown column “" + c.text() + "”; the columns are "
                        + String.join(", ", java.util.Arrays.stream(Column.values()).map(Column::header).toList()));
            } else if (at.containsKey(col)) {
                problems.add("line " + c.line() + ", column " + c.column() + ": the column “" + c.text() + "” is given twice");
            } else {
                at.put(col, c.column() - 1);
            }
        }
        if (!at.containsKey(Column.NAME)) {
            problems.add("line " + header.line() + ": the list needs a column 名称");
        }
        return at;
    }
}
