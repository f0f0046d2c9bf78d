package cn.lantian.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The rules' firing order, declared once in the phases table ({@code phases.csv}) and named by each rule
 * ({@code @phase("law")}): before a rule file is compiled, each rule gets the salience of its phase,
 * written just before its {@code when} (so that every other line and column of the file stays where the
 * auditor wrote it, and the compiler's diagnostics point at the file as written). The first phase of the
 * table fires first; a rule that names no phase is in the table's default phase.
 *
 * <p>With a phases table, a rule file carries no salience of its own (the order would again be spread
 * over the files); without one (a folder of a few rules), {@code @phase} cannot be resolved and is refused,
 * and a salience written in a rule stands as written. The sandbox reads the files as written: a phase is a
 * literal of the rule's metadata, and the salience the loader writes is a whole number.
 */
final class RulePhases {
    /** The metadata that names a rule's phase. */
    static final String METADATA = "phase";
    private static final int STEP = 10;

    private final Map<String, Integer> salience = new LinkedHashMap<>();
    private final String defaultPhase;

    private RulePhases(List<Phase> phases) {
        String fallback = null;
        int defaultIndex = 0;
        for (int i = 0; i < phases.size(); i++) {
            if (Boolean.TRUE.equals(phases.get(i).defaultPhase()) && fallback == null) {
                fallback = phases.get(i).phase();
                defaultIndex = i;
            }
        }
        for (int i = 0; i < phases.size(); i++) {
            salience.putIfAbsent(phases.get(i).phase(), (defaultIndex - i) * STEP);
        }
        defaultPhase = fallback;
    }

    /** The order of the phases table (its rows as read; none when the folder has no phases table). */
    static RulePhases of(List<Phase> phases) {
        return new RulePhases(phases);
    }

    boolean declared() {
        return !salience.isEmpty();
    }

    /** The salience of each phase, by name, in firing order. */
    Map<String, Integer> salience() {
        return salience;
    }

    /**
     * The rule file as the compiler gets it: each rule with the salience of its phase. A file that does not
     * parse is given back as it is (the compiler reports why); a rule naming an unknown phase, or writing a
     * salience of its own beside a phases table, is a diagnostic.
     */
    String apply(String file, String drl, List<Diagnostic> problems) {
        PackageDescr pkg;
        try {
            pkg = new DrlParser().parse(false, drl);
        } catch (DroolsParserException e) {
            return drl;
        }
        if (pkg == null) {
            return drl;
        }
        List<int[]> inserts = new ArrayList<>(); // offset, salience
        for (RuleDescr rule : pkg.getRules()) {
            int start = rule.getStartCharacter();
            AnnotationDescr named = rule.getAnnotation(METADATA);
            AttributeDescr own = rule.getAttributes().get("salience");
            String what = "rule \"" + rule.getName() + "\"";
            if (!declared()) {
                if (named != null) {
                    problems.add(at(file, drl, offsetOf(drl, "@" + METADATA, start), what + " names @phase, but no "
                            + "phases.csv declares the phases"));
                }
                continue;
            }
            if (own != null) {
                problems.add(at(file, drl, own.getStartCharacter() >= 0 ? own.getStartCharacter()
                        : offsetOf(drl, "salience", start), what + " writes its own salience; the firing order is "
                        + "declared in phases.csv: name the rule's phase instead, @phase(\"…\") (" + String.join(", ",
                        salience.keySet()) + ")"));
                continue;
            }
            String phase = named == null ? defaultPhase : unquote(named.getValue());
            if (phase == null) {
                continue; // the table names no default phase: TableChecks says so, once, for the table
            }
            Integer value = salience.get(phase);
            if (value == null) {
                problems.add(at(file, drl, offsetOf(drl, "@" + METADATA, start), what + " names phase \"" + phase
                        + "\", which phases.csv does not declare; its phases: " + String.join(", ", salience.keySet())));
                continue;
            }
            int when = conditionStart(drl, start);
            if (when < 0) {
                continue; // not a rule the parser and this reading agree on: the compiler has the last word
            }
            inserts.add(new int[] {when, value});
        }
        StringBuilder out = new StringBuilder(drl);
        for (int i = inserts.size() - 1; i >= 0; i--) {
            out.insert(inserts.get(i)[0], "salience " + inserts.get(i)[1] + " ");
        }
        return out.toString();
    }

    private static String unquote(Object value) {
        String v = value == null ? "" : value.toString().strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static int offsetOf(String drl, String fragment, int from) {
        return from < 0 ? -1 : drl.indexOf(fragment, from);
    }

    /**
     * Where a rule's {@code when} (or, for a rule with no conditions, its {@code then}) starts: the first
     * such word after the rule's name that stands outside a string, a comment and the parentheses of its
     * metadata.
     */
    static int conditionStart(String drl, int ruleStart) {
        if (ruleStart < 0 || !drl.startsWith("rule", ruleStart)) {
            return -1;
        }
        int i = ruleStart + "rule".length();
        int n = drl.length();
        i = skipBlank(drl, i);
        if (i < n && (drl.charAt(i) == '"' || drl.charAt(i) == '\'')) {
            i = skipString(drl, i);
        } else {
            while (i < n && !Character.isWhitespace(drl.charAt(i))) {
                i++;
            }
        }
        int depth = 0;
        while (i < n) {
            char c = drl.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(drl, i);
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
                while (i < n && drl.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < n && (Character.isJavaIdentifierPart(drl.charAt(end)) || drl.charAt(end) == '-')) {
                    end++;
                }
                String word = drl.substring(i, end);
                boolean standsAlone = i == 0 || drl.charAt(i - 1) != '@';
                if (depth == 0 && standsAlone && (word.equals("when") || word.equals("then"))) {
                    return i;
                }
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int skipBlank(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            if (s.charAt(i) == '\\') {
                i++;
            }
            i++;
        }
        return Math.min(i + 1, s.length());
    }

    private static Diagnostic at(String file, String text, int offset, String message) {
        return Diagnostic.atOffset(file, text, offset, message);
    }
}
