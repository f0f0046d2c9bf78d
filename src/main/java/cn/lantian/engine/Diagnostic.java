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
}
