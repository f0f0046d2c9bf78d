package cn.lantian.engine;

import cn.lantian.fact.MayBeBlank;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference table in rules/: plain CSV with a header row naming the columns, one row per line,
 * lines starting with '#' for the auditor's notes. Every column is required unless marked {@link MayBeBlank}.
 */
final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withHeader().withComments();

    private CsvTable() {}

    /** A table row with where it was read, so that a check can point the auditor at it. */
    record Row<T>(String file, int line, T value) {
        Diagnostic error(String message) {
            return Diagnostic.error(file, line, 1, message);
        }
    }

    static <T extends Record> List<Row<T>> read(String file, String content, Class<T> type, List<Diagnostic> problems) {
        List<Row<T>> rows = new ArrayList<>();
        try (MappingIterator<T> it = MAPPER.readerFor(type).with(SCHEMA).readValues(content)) {
            while (it.hasNextValue()) {
                T value = it.nextValue();
                int line = it.getCurrentLocation().getLineNr();
                String missing = missingColumn(value);
                if (missing != null) {
                    problems.add(Diagnostic.error(file, line, 1, "column " + missing + " is empty"));
                } else {
                    rows.add(new Row<>(file, line, value));
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
