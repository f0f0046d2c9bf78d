package cn.lantian.engine;

import cn.lantian.fact.CodeLabel;
import cn.lantian.fact.DocumentWording;
import cn.lantian.fact.Parameter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The documents' wording (parameters named {@code document.…}) is complete when a rules folder holds any
 * of it: every text the documents print is there and of type text, each placeholder names a value the
 * text is given or another parameter, and every row is read, so a misspelt name or jurisdiction is
 * refused at its row instead of printing the parameter's name in a decision a bureau signs.
 */
final class DocumentTableChecks {
    private DocumentTableChecks() {}

    static void check(ReferenceTables t, List<Diagnostic> problems) {
        List<CsvTable.Row<Parameter>> rows = t.rows(Parameter.class).stream()
                .filter(r -> r.value().name().startsWith(DocumentWording.FAMILY)).toList();
        if (rows.isEmpty()) {
            return;
        }
        Map<String, CsvTable.Row<Parameter>> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.putIfAbsent(r.value().name(), r));
        Set<String> allNames = new HashSet<>();
        t.values(Parameter.class).forEach(p -> allNames.add(p.name()));
        Set<String> jurisdictions = new HashSet<>();
        t.values(CodeLabel.class).stream().filter(l -> l.kind().equals(LabelKinds.JURISDICTION))
                .forEach(l -> jurisdictions.add(l.code()));
        String file = rows.get(0).file();

        Map<String, List<String>> texts = DocumentWording.texts();
        texts.forEach((name, given) -> require(name, Parameter.Type.text, byName, file, problems));
        DocumentWording.NUMBERS.forEach(name -> require(name, Parameter.Type.number, byName, file, problems));

        Set<String> referenced = new HashSet<>();
        for (CsvTable.Row<Parameter> r : rows) {
            Parameter p = r.value();
            if (p.type() != Parameter.Type.text) {
                continue;
            }
            List<String> given = givenTo(p.name(), texts);
            Matcher m = ParameterText.PLACEHOLDER.matcher(p.value());
            while (m.find()) {
                String placeholder = m.group(1);
                if (allNames.contains(placeholder)) {
                    referenced.add(placeholder);
                } else if (given == null || !given.contains(placeholder)) {
                    problems.add(r.error(p.name() + " shows {" + placeholder + "}, which is no parameter"
                            + (given == null || given.isEmpty() ? "" : " and not one of its own values ("
                            + String.join(", ", given.stream().map(g -> "{" + g + "}").toList()) + ")")));
                }
            }
        }
        for (CsvTable.Row<Parameter> r : rows) {
            String name = r.value().name();
            if (texts.containsKey(name) || DocumentWording.NUMBERS.contains(name) || referenced.contains(name)) {
                continue;
            }
            String unread = ownRowProblem(name, jurisdictions);
            if (unread != null) {
                problems.add(r.error(name + " is read by no document: " + unread));
            }
        }
    }

    private static void require(String name, Parameter.Type type, Map<String, CsvTable.Row<Parameter>> byName, String file,
                                List<Diagnostic> problems) {
        CsvTable.Row<Parameter> row = byName.get(name);
        if (row == null) {
            problems.add(Diagnostic.error(file, 0, 0, "the documents need the " + type + " parameter " + name
                    + " in a parameters.csv"));
        } else if (row.value().type() != type) {
            problems.add(row.error(name + " must be of type " + type + ", not " + row.value().type()));
        }
    }

    /** The placeholders a document text is given, or null for a text the documents do not print themselves. */
    private static List<String> givenTo(String name, Map<String, List<String>> texts) {
        if (texts.containsKey(name)) {
            return texts.get(name);
        }
        return name.startsWith(DocumentWording.BUREAU + ".") || name.startsWith(DocumentWording.PREFIX + ".") ? List.of() : null;
    }

    /**
     * Why a row that is neither a text the documents print nor a value another text shows is read by none,
     * or null when it is a jurisdiction's own bureau or number prefix.
     */
    private static String ownRowProblem(String name, Set<String> jurisdictions) {
        String bureau = DocumentWording.BUREAU + ".";
        String prefix = DocumentWording.PREFIX + ".";
        if (name.startsWith(bureau)) {
            String jurisdiction = name.substring(bureau.length());
            return jurisdictions.contains(jurisdiction) ? null : "no JURISDICTION label has the code " + jurisdiction;
        }
        if (name.startsWith(prefix)) {
            String rest = name.substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            String jurisdiction = dot < 0 ? rest : rest.substring(0, dot);
            String kind = dot < 0 ? "" : rest.substring(dot + 1);
            if (!DocumentWording.KINDS.contains(kind)) {
                return "a number prefix ends with a document (" + String.join(", ", DocumentWording.KINDS) + ")";
            }
            return jurisdictions.contains(jurisdiction) ? null : "no JURISDICTION label has the code " + jurisdiction;
        }
        return "the documents print " + String.join(", ", List.of(DocumentWording.BUREAU + ".<辖区>",
                DocumentWording.PREFIX + ".<辖区>.<文书>")) + ", the texts they name, and the values those texts show";
    }
}
