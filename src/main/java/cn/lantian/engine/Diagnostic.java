package cn.lantian.engine;

/** A problem found in a rule file: where it is and what is wrong. Line and column count from 1; 0 if unknown. */
public record Diagnostic(String file, int line, int column, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String file, int line, int column, String message) {
        return new Diagnostic(file, line, column, Severity.ERROR, message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity + ": " + message;
    }

    /** An error at a character offset of a file's text, as its line and column (the file itself when the offset is unknown). */
    public static Diagnostic atOffset(String file, String text, int offset, String message) {
        if (offset < 0) {
            return error(file, 0, 0, message);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return error(file, line, offset - lineStart + 1, message);
    }
}
