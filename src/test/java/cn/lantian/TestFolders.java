package cn.lantian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies of the rules and fixture folders that a test may edit without touching the real ones. */
public final class TestFolders {
    private TestFolders() {}

    /** Replaces {@code to} with a copy of {@code from}. */
    public static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        copyInto(from, to);
    }

    /** Rewrites a file, each key replaced by its value; a key the file no longer holds fails the test's set-up. */
    public static void edit(Path file, java.util.Map<String, String> replacements) throws IOException {
        String text = Files.readString(file);
        for (var r : replacements.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new IllegalStateException(file + " no longer holds " + r.getKey());
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        Files.writeString(file, text);
    }

    /** Copies {@code from} into {@code to}, replacing files of the same name. */
    public static void copyInto(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The line of a file (from 1) that starts with {@code start}, for a test that expects a diagnostic there. */
    public static int lineOf(Path file, String start) throws IOException {
        java.util.List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(file + " has no line starting " + start);
    }
}
