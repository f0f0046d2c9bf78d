package cn.lantian.engine;

import cn.lantian.fact.MayBeBlank;
import cn.lantian.fact.TableNumber;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A reference table in rules/: CSV with a header row naming the columns, one row per record, lines
 * starting with '#' for the auditor's notes. Every column is required unless marked {@link MayBeBlank}.
 * Any table may add the columns {@code effectiveFrom} and {@code effectiveTo} (dates, both days
 * included) to put a row in force for a period only, and {@code noFixtureBecause} to say why a row needs
 * no fixture that reaches it ({@link RowCoverage}).
 *
 * <p>Tables are read as a spreadsheet saves them: a byte-order mark, CRLF or CR line ends, quoted cells
 * (with commas, quotes and line breaks inside), a note quoted because it holds a quote, empty trailing
 * columns, TRUE/FALSE, numbers written 1.0E3 or 100,000, dates written 2027/1/1. Every cell of a typed
 * column is checked here, for every row and whichever way the table arrived (start-up, reload,
 * validate, compare, {@code check}), with a message in plain words naming the file, line and column.
 */
final class CsvTable {
    static final String EFFECTIVE_FROM = "effectiveFrom";
    static final String EFFECTIVE_TO = "effectiveTo";
    /**
     * The column any table may add to say why a row needs no fixture that reaches it (the table-row
     * coverage of {@code check} and of activation): blank, the row must be reached by some case.
     */
    static final String NO_FIXTURE_BECAUSE = "noFixtureBecause";
    private static final char BOM = '\uFEFF';
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT));
    /** A record constructor's own complaint about a column: "column value of x must be …". */
    private static final Pattern ABOUT_COLUMN = Pattern.compile("^column (\\w+)");

    private CsvTable() {}

    /**
     * A table row with where it was read and when it is in force, so that checks can point at it, and why
     * it needs no fixture ({@code noFixtureBecause}; null when it must be reached by one).
     */
    record Row<T>(String file, int line, T value, InForce inForce, String noFixtureBecause) {
        Diagnostic error(String message) {
            return Diagnostic.error(file, line, 1, message);
        }
    }

    /** One cell as written: its text (trimmed) and the line and character column it starts at. */
    record Cell(String text, int line, int column) {
        boolean blank() {
            return text.isEmpty();
        }
    }

    /** One record of the file: the line it starts on and its cells. */
    record Line(int number, List<Cell> cells) {}

    static <T extends Record> List<Row<T>> read(String file, String content, Class<T> type, List<Diagnostic> problems) {
        List<Diagnostic> found = new ArrayList<>();
        List<Line> lines = records(file, content, found);
        problems.addAll(found);
        if (!found.isEmpty()) {
            return List.of();
        }
        lines = lines.stream().filter(l -> !l.cells().stream().allMatch(Cell::blank))
                .filter(l -> !l.cells().get(0).text().startsWith("#")).toList();
        if (lines.isEmpty()) {
            problems.add(Diagnostic.error(file, 1, 1, "the table has no header row (" + columnList(type) + ")"));
            return List.of();
        }
        Line header = lines.get(0);
        Map<String, Integer> columns = header(file, header, type, problems);
        if (columns == null) {
            return List.of();
        }
        List<Row<T>> rows = new ArrayList<>();
        for (Line line : lines.subList(1, lines.size())) {
            T value = row(file, line, header.cells().size(), columns, type, problems);
            if (value == null) {
                continue;
            }
            InForce inForce;
            try {
                inForce = new InForce(date(file, line, columns, EFFECTIVE_FROM), date(file, line, columns, EFFECTIVE_TO));
            } catch (CellException e) {
                problems.add(e.diagnostic);
                continue;
            }
            if (inForce.from() != null && inForce.to() != null && inForce.to().isBefore(inForce.from())) {
                problems.add(Diagnostic.error(file, line.number(), 1, "effectiveTo is before effectiveFrom"));
                continue;
            }
            Cell exempt = cell(line, columns, NO_FIXTURE_BECAUSE);
            rows.add(new Row<>(file, line.number(), value, inForce, exempt.blank() ? null : exempt.text()));
        }
        return rows;
    }

    /**
     * The header's columns by name, each at its index; null (with the reasons) when the header names a
     * column the table does not have, names one twice, or lacks a column every row must fill.
     */
    private static Map<String, Integer> header(String file, Line header, Class<? extends Record> type,
                                               List<Diagnostic> problems) {
        Map<String, RecordComponent> known = components(type);
        Map<String, Integer> columns = new LinkedHashMap<>();
        int before = problems.size();
        String only = header.cells().get(0).text();
        if (header.cells().size() == 1 && (only.contains("\t") || only.contains(";"))) {
            problems.add(Diagnostic.error(file, header.number(), 1, "the header is separated by "
                    + (only.contains("\t") ? "tabs" : "semicolons") + ", not commas; " + RuleFolder.SAVE_CSV));
            return null;
        }
        for (int i = 0; i < header.cells().size(); i++) {
            Cell c = header.cells().get(i);
            String name = c.text();
            if (name.isEmpty()) {
                continue; // an empty column, as a spreadsheet leaves one; its cells must stay empty
            }
            if (!known.containsKey(name) && !name.equals(EFFECTIVE_FROM) && !name.equals(EFFECTIVE_TO)
                    && !name.equals(NO_FIXTURE_BECAUSE)) {
                problems.add(Diagnostic.error(file, c.line(), c.column(), "unknown column \"" + name + "\"; "
                        + columnList(type)));
            } else if (columns.putIfAbsent(name, i) != null) {
                problems.add(Diagnostic.error(file, c.line(), c.column(), "column " + name + " appears twice in the header"));
            }
        }
        for (RecordComponent c : known.values()) {
            if (!columns.containsKey(c.getName()) && !c.isAnnotationPresent(MayBeBlank.class)) {
                problems.add(Diagnostic.error(file, header.number(), 1, "the header has no column " + c.getName() + "; "
                        + columnList(type)));
            }
        }
        return problems.size() == before ? columns : null;
    }

    /** The row's value, or null when a cell is missing or of the wrong kind (each reported). */
    private static <T extends Record> T row(String file, Line line, int headerWidth, Map<String, Integer> columns,
                                            Class<T> type, List<Diagnostic> problems) {
        int before = problems.size();
        List<Cell> cells = line.cells();
        for (int i = 0; i < cells.size(); i++) {
            boolean named = i < headerWidth && columns.containsValue(i);
            if (!named && !cells.get(i).blank()) {
                problems.add(Diagnostic.error(file, cells.get(i).line(), cells.get(i).column(), i < headerWidth
                        ? "a cell under a column with no name in the header (column " + (i + 1) + ")"
                        : "the row has more cells than the header has columns (" + headerWidth + ")"));
            }
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int k = 0; k < components.length; k++) {
            RecordComponent c = components[k];
            Cell cell = cell(line, columns, c.getName());
            if (cell.blank()) {
                if (!c.isAnnotationPresent(MayBeBlank.class)) {
                    problems.add(Diagnostic.error(file, cell.line(), cell.column(), "column " + c.getName() + " is empty"));
                }
                continue;
            }
            try {
                args[k] = value(c.getName(), cell.text(), c.getType());
            } catch (IllegalArgumentException e) {
                problems.add(Diagnostic.error(file, cell.line(), cell.column(), e.getMessage()));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            Constructor<T> make = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            return make.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                Matcher about = ABOUT_COLUMN.matcher(bad.getMessage());
                Cell at = about.find() ? cell(line, columns, about.group(1)) : new Cell("", line.number(), 1);
                problems.add(Diagnostic.error(file, at.line(), at.column(), bad.getMessage()));
                return null;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cell of a column in a line (an empty one where the line stops short or the header lacks it). */
    private static Cell cell(Line line, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= line.cells().size()) {
            Cell last = line.cells().get(line.cells().size() - 1);
            return new Cell("", last.line(), last.column() + last.text().length());
        }
        return line.cells().get(i);
    }

    /** The cell's text as the column's type: plain words when it is not one. */
    private static Object value(String column, String text, Class<?> type) {
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            BigDecimal n = TableNumber.parse(text);
            try {
                long whole = n == null ? 0 : n.stripTrailingZeros().longValueExact();
                if (n != null && (type == Long.class || type == long.class)) {
                    return whole;
                }
                if (n != null && whole == (int) whole) {
                    return (int) whole;
                }
            } catch (ArithmeticException e) {
                // a fraction, or beyond a long: not a whole number this column can hold
            }
            throw new IllegalArgumentException("column " + column + " must be a whole number, not \"" + text + "\"");
        }
        if (type == Double.class || type == double.class) {
            BigDecimal n = TableNumber.parse(text);
            if (n == null) {
                throw new IllegalArgumentException("column " + column + " must be a number, not \"" + text + "\"");
            }
            return n.doubleValue();
        }
        if (type == Boolean.class || type == boolean.class) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("column " + column + " must be true or false, not \"" + text + "\"");
        }
        if (type.isEnum()) {
            for (Object e : type.getEnumConstants()) {
                if (((Enum<?>) e).name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("column " + column + " must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).collect(Collectors.joining(", "))
                    + ", not \"" + text + "\"");
        }
        throw new IllegalStateException("a table column of type " + type.getSimpleName() + " cannot be read");
    }

    private static LocalDate date(String file, Line line, Map<String, Integer> columns, String column) throws CellException {
        Cell cell = cell(line, columns, column);
        if (cell.blank()) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(cell.text(), f);
            } catch (DateTimeParseException e) {
                // the next way of writing it
            }
        }
        throw new CellException(Diagnostic.error(file, cell.line(), cell.column(), "column " + column
                + " must be a date written YYYY-MM-DD, not \"" + cell.text() + "\""));
    }

    private static final class CellException extends Exception {
        final Diagnostic diagnostic;

        CellException(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    private static Map<String, RecordComponent> components(Class<? extends Record> type) {
        Map<String, RecordComponent> byName = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            byName.put(c.getName(), c);
        }
        return byName;
    }

    /** "the columns are name, value, …, and effectiveFrom, effectiveTo for a dated row, noFixtureBecause …" */
    private static String columnList(Class<? extends Record> type) {
        return "the columns are " + Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", ")) + ", and " + EFFECTIVE_FROM + ", " + EFFECTIVE_TO + " for a dated row, "
                + NO_FIXTURE_BECAUSE + " for a row no fixture needs to reach";
    }

    /**
     * The file's records as CSV (RFC 4180 as spreadsheets write it): cells split at commas, a cell that
     * starts with a quote runs to its closing quote ("" inside is one quote), records end at LF, CRLF or
     * CR. A line that starts with '#' is a note and is skipped whole, whatever it holds. Cells are trimmed.
     */
    static List<Line> records(String file, String content, List<Diagnostic> problems) {
        String s = !content.isEmpty() && content.charAt(0) == BOM ? content.substring(1) : content;
        List<Line> lines = new ArrayList<>();
        int n = s.length();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < n) {
            // a note: the whole physical line, so that a stray quote in it cannot swallow the rows below
            int first = i;
            while (first < n && (s.charAt(first) == ' ' || s.charAt(first) == '\t')) {
                first++;
            }
            if (first < n && s.charAt(first) == '#') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
                i = lineEnd(s, i);
                line++;
                lineStart = i;
                continue;
            }
            int recordLine = line;
            List<Cell> cells = new ArrayList<>();
            while (true) {
                int cellLine = line;
                int cellColumn = i - lineStart + 1;
                StringBuilder text = new StringBuilder();
                int j = i;
                while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                    j++;
                }
                if (j < n && s.charAt(j) == '"') {
                    cellColumn = j - lineStart + 1;
                    i = j + 1;
                    boolean closed = false;
                    while (i < n) {
                        char c = s.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && s.charAt(i + 1) == '"') {
                                text.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (c == '\r' || c == '\n') {
                            int next = lineEnd(s, i);
                            text.append('\n');
                            i = next;
                            line++;
                            lineStart = i;
                            continue;
                        }
                        text.append(c);
                        i++;
                    }
                    if (!closed) {
                        problems.add(Diagnostic.error(file, cellLine, cellColumn,
                                "a quoted cell starts here and its closing quote never comes"));
                        return lines;
                    }
                    int after = i;
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        i++;
                    }
                    if (!s.substring(after, i).isBlank()) {
                        problems.add(Diagnostic.error(file, line, after - lineStart + 1,
                                "text after the closing quote of a cell; a quote inside a quoted cell is written twice (\"\")"));
                    }
                } else {
                    if (j < n && s.charAt(j) != ',' && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
                        cellColumn = j - lineStart + 1;
                    }
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        text.append(s.charAt(i));
                        i++;
                    }
                }
                String t = text.toString().strip();
                cells.add(new Cell(t, cellLine, cellColumn));
                if (i < n && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                break;
            }
            lines.add(new Line(recordLine, cells));
            if (i < n) {
                i = lineEnd(s, i);
                line++;
                lineStart = i;
            }
        }
        return lines;
    }

    /** Where the line after a line break at {@code i} starts (CRLF counts as one). */
    private static int lineEnd(String s, int i) {
        if (i < s.length() && s.charAt(i) == '\r') {
            return i + 1 < s.length() && s.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        }
        return i < s.length() ? i + 1 : i;
    }
}
