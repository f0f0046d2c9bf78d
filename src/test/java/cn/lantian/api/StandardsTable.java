package cn.lantian.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped standards table read straight from rules/, to hold the published checklists against. */
public final class StandardsTable {
    private StandardsTable() {}

    /** The items of the standard, in table order. */
    public static List<String> itemsOf(String standard) {
        return rows().stream().filter(r -> r[0].equals(standard)).map(r -> r[1]).toList();
    }

    public static List<String> standards() {
        return rows().stream().map(r -> r[0]).distinct().toList();
    }

    private static List<String[]> rows() {
        try {
            return Files.readAllLines(Path.of("rules", "dust", "standards.csv")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("standard,"))
                    .map(l -> l.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
