package cn.lantian.engine;

import cn.lantian.fact.MayBeBlank;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference table in rules/: plain CSV with a header row naming the columns, one row per line,
 * lines starting with '#' for the auditor's notes. Every column is required unless marked
 * {@link MayBeBlank}. Any table may add the columns {@code effectiveFrom} and {@code effectiveTo}
 * (ISO dates, both days included) to put a row in force for a period only.
 */
final class CsvTable {
    static final String EFFECTIVE_FROM = "effectiveFrom";
    static final String EFFECTIVE_TO = "effectiveTo";

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withHeader().withComments();

    private CsvTable() {}

    /** A table row with where it was read and when it is in force, so that checks can point at it. */
    record Row<T>(String file, int line, T value, InForce inForce) {
        Diagnostic error(String message) {
            return Diagnostic.error(file, line, 1, message);
        }
    }

    static <T extends Record> List<Row<T>> read(String file, String content, Class<T> type, List<Diagnostic> problems) {
        List<Row<T>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class).with(SCHEMA).readValues(content)) {
            while (it.hasNextValue()) {
                Map<String, String> cells = new LinkedHashMap<>(it.nextValue());
                int line = it.getCurrentLocation().getLineNr();
                try {
                    InForce inForce = new InForce(date(cells.remove(EFFECTIVE_FROM)), date(cells.remove(EFFECTIVE_TO)));
                    T value = MAPPER.convertValue(cells, type);
                    String missing = missingColumn(value);
                    if (missing != null) {
                        problems.add(Diagnostic.error(file, line, 1, "column " + missing + " is empty"));
                    } else if (inForce.from() != null && inForce.to() != null && inForce.to().isBefore(inForce.from())) {
                        problems.add(Diagnostic.error(file, line, 1, "effectiveTo is before effectiveFrom"));
                    } else {
                        rows.add(new Row<>(file, line, value, inForce));
                    }
                } catch (IllegalArgumentException e) {
                    String why = e.getCause() instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
                    problems.add(Diagnostic.error(file, line, 1, why));
                }
            }
        } catch (JsonMappingException e) {
            var loc = e.getLocation();
            problems.add(Diagnostic.error(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(Diagnostic.error(file, 0, 0, "not a readable CSV table: " + e.getMessage()));
        }
        return rows;
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a date (YYYY-MM-DD)");
        }
    }

    private static String missingColumn(Record value) {
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            if (c.isAnnotationPresent(MayBeBlank.class)) {
                continue;
            }
            try {
                Object v = c.getAccessor().invoke(value);
                if (v == null || v.toString().isBlank()) {
                    return c.getName();
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }
}
