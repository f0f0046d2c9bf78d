package cn.lantian.engine;

import cn.lantian.engine.SandboxCode.Mode;
import cn.lantian.engine.SandboxNames.Declared;
import cn.lantian.engine.SandboxNames.Ty;
import cn.lantian.engine.SandboxNames.Ty.Kind;
import cn.lantian.fact.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.MVELExprDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The check every rules folder passes before anything of it is compiled: Drools evaluates rule metadata
 * and runs conditions, consequences and functions as Java and MVEL, so a rule file could otherwise run
 * any code, whoever sends it. The check reads each file as the compiler will (Drools' own parser, and
 * the Java and MVEL expressions in it by their syntax) and refuses, with the file, line and column, all
 * that falls outside an allow-list: the fact model, the {@code ref} tables, {@link Emit}'s helpers, the
 * package's own functions and plain JDK value and collection types ({@link AllowList}).
 */
public final class RuleSandbox {
    private RuleSandbox() {}

    /** The only names a rules folder holds: folders and files of letters, digits, - _ and ., ending in .drl or .csv. */
    private static final Pattern FILE_NAME = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern METADATA_NAME = Pattern.compile("[a-z][A-Za-z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A literal as Java and MVEL read it alike: a double-quoted string, a number, true or false. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\r\\n]|\\\\[btnfr\"'\\\\])*\"|-?\\d+(?:\\.\\d+)?|true|false");
    /** A Drools time literal ("1h", "1h30m", "500ms") or a number of milliseconds. */
    private static final Pattern TIME = Pattern.compile("-?(?:\\d+(?:d|h|ms|m|s))+|-?\\d+");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "contains", "excludes",
            "memberOf", "matches", "soundslike", "str", "after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby");
    private static final Set<String> TEMPORAL = Set.of("after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby");
    /** Drools' built-in accumulate functions and the type of what each yields. */
    private static final Map<String, Class<?>> ACCUMULATE = Map.ofEntries(
            Map.entry("count", Long.class), Map.entry("sum", Number.class), Map.entry("sumI", Integer.class),
            Map.entry("sumL", Long.class), Map.entry("sumBI", java.math.BigInteger.class),
            Map.entry("sumBD", java.math.BigDecimal.class), Map.entry("average", Number.class),
            Map.entry("averageBD", java.math.BigDecimal.class), Map.entry("min", Object.class),
            Map.entry("max", Object.class), Map.entry("minN", Number.class), Map.entry("maxN", Number.class),
            Map.entry("minI", Integer.class), Map.entry("maxI", Integer.class), Map.entry("minL", Long.class),
            Map.entry("maxL", Long.class), Map.entry("minBI", java.math.BigInteger.class),
            Map.entry("maxBI", java.math.BigInteger.class), Map.entry("minBD", java.math.BigDecimal.class),
            Map.entry("maxBD", java.math.BigDecimal.class), Map.entry("collectList", java.util.List.class),
            Map.entry("collectSet", java.util.Set.class), Map.entry("variance", Double.class),
            Map.entry("standardDeviation", Double.class));
    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("no-loop", "lock-on-active", "auto-focus");
    private static final Set<String> NAME_ATTRIBUTES = Set.of("agenda-group", "activation-group", "ruleflow-group");
    private static final String ALLOWED_TYPES = "the fact model (cn.lantian.fact) and plain value types (String, "
            + "Math, boxed numbers, java.math, java.time, java.util collections)";

    /**
     * Why {@code name} cannot be a file of the rules folder, or empty when it can: a path inside it
     * (relative, with / between folders, no . or .. step), a .drl rule file or a .csv table. Any other
     * file Drools would compile too (.dslr with its .dsl, .rdrl, .xls, .DRL …), so none other is taken.
     */
    public static Optional<String> fileNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a file needs a name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return Optional.of("an absolute path would leave the rules folder; name the file by its path inside it");
        }
        if (name.contains("\\")) {
            return Optional.of("a backslash is no folder separator here; use /");
        }
        if (name.length() > 255) {
            return Optional.of("the name is longer than 255 characters");
        }
        for (String step : name.split("/", -1)) {
            if (step.isEmpty()) {
                return Optional.of("the path has an empty folder name");
            }
            if (step.equals(".") || step.equals("..")) {
                return Optional.of("a . or .. step would leave the rules folder");
            }
            if (step.startsWith(".")) {
                return Optional.of("hidden files (names starting with .) have no place in the rules folder");
            }
        }
        if (!FILE_NAME.matcher(name).matches()) {
            return Optional.of("file and folder names are letters, digits, -, _ and . (no spaces, %, : or other signs)");
        }
        if (!name.endsWith(".drl") && !name.endsWith(".csv")) {
            return Optional.of("the rules folder holds only .drl rule files and .csv tables (Drools would compile a "
                    + ".dslr, .dsl, .rdrl, .xls or upper-case .DRL as well)");
        }
        return Optional.empty();
    }

    /**
     * Everything the files hold outside the allow-list, as diagnostics ("rules/dust/x.drl", line, column);
     * empty when the folder may be compiled. {@code files} are the folder's files by their path inside it.
     * A file that does not parse is left to the compiler, which reports it and builds none of it.
     */
    public static List<Diagnostic> check(Map<String, String> files) {
        List<Diagnostic> refused = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
            String display = "rules/" + f.getKey();
            Optional<String> bad = fileNameProblem(f.getKey());
            if (bad.isPresent()) {
                refused.add(Diagnostic.error(display, 0, 0, "file name \"" + f.getKey() + "\": " + bad.get()));
                continue;
            }
            if (!f.getKey().endsWith(".drl")) {
                continue;
            }
            Source src = new Source(display, f.getValue() == null ? "" : f.getValue(), refused);
            Matcher escape = UNICODE_ESCAPE.matcher(src.text);
            if (escape.find()) {
                // The Java compiler decodes unicode escapes (backslash, u, four hex digits) before it reads
                // comments and strings: an escaped line feed ends a // comment, an escaped quote ends a string.
                // The text would not be what it seems, so none of it is taken.
                do {
                    src.refuse(escape.start(), "unicode escapes (\\uXXXX) are not allowed in rule files: the Java "
                            + "compiler decodes them before comments and strings, so the code would not be what it "
                            + "reads; write the character itself");
                } while (escape.find());
                continue;
            }
            try {
                DrlParser parser = new DrlParser();
                PackageDescr pkg = parser.parse(false, src.text);
                if (!parser.hasErrors() && pkg != null) {
                    parsed.add(new Parsed(src, pkg));
                }
            } catch (DroolsParserException e) {
                // the compiler reports the same parse error with its position
            }
        }
        Map<String, SandboxNames> packages = new LinkedHashMap<>();
        for (Parsed p : parsed) {
            SandboxNames names = packages.computeIfAbsent(p.pkg.getName(), SandboxNames::new);
            declareNames(p, names);
        }
        for (Parsed p : parsed) {
            try {
                new FileCheck(p, packages.get(p.pkg.getName())).run();
            } catch (RuntimeException e) {
                // Fail closed: what the sandbox cannot read is not compiled.
                p.src.refuse(0, "the sandbox could not read this file through (" + e.getClass().getSimpleName() + ")");
            }
        }
        for (SandboxNames names : packages.values()) {
            FileCheck.cycles(parsed, names);
        }
        refused.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
        return List.copyOf(refused);
    }

    private record Parsed(Source src, PackageDescr pkg) {}

    /** What the package offers to every file of it: imports, functions, declared types, globals. */
    private static void declareNames(Parsed p, SandboxNames names) {
        for (ImportDescr i : p.pkg.getImports()) {
            String target = i.getTarget();
            if (target.equals(AllowList.FACT_PACKAGE + ".*")) {
                names.importFacts();
            } else {
                AllowList.byName(target).ifPresent(names::importClass);
            }
        }
        for (FunctionImportDescr i : p.pkg.getFunctionImports()) {
            String target = i.getTarget();
            if (target.equals(AllowList.EMIT + ".*")) {
                names.importHelper(null);
            } else if (target.startsWith(AllowList.EMIT + ".")) {
                names.importHelper(target.substring(AllowList.EMIT.length() + 1));
            }
        }
        for (FunctionDescr f : p.pkg.getFunctions()) {
            names.functions.put(f.getName(), new SandboxNames.Function(f.getName(), f.getReturnType(),
                    List.copyOf(f.getParameterTypes())));
        }
        for (TypeDeclarationDescr t : p.pkg.getTypeDeclarations()) {
            if (!t.getFields().isEmpty()) {
                Map<String, String> fields = new LinkedHashMap<>();
                t.getFields().values().forEach(fd -> fields.put(fd.getFieldName(), fd.getPattern().getObjectType()));
                names.declared.put(t.getTypeName(), new Declared(t.getTypeName(), fields));
            }
        }
        for (GlobalDescr g : p.pkg.getGlobals()) {
            if (g.getIdentifier().equals(Evaluator.REFERENCE_GLOBAL)) {
                names.globals.put(g.getIdentifier(), Ty.value(Reference.class));
            }
        }
    }

    /** A rule file's text, with its line starts, to put each refusal at its line and column. */
    private static final class Source {
        final String file;
        final String text;
        private final List<Diagnostic> out;
        private final int[] lineStarts;

        Source(String file, String text, List<Diagnostic> out) {
            this.file = file;
            this.text = text;
            this.out = out;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        void refuse(int offset, String message) {
            if (offset < 0) {
                out.add(Diagnostic.error(file, 0, 0, message));
                return;
            }
            int line = 0;
            while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
                line++;
            }
            out.add(Diagnostic.error(file, line + 1, offset - lineStarts[line] + 1, message));
        }

        void refuse(BaseDescr at, int fallback, String message) {
            int offset = offset(at);
            if (offset >= 0) {
                refuse(offset, message);
            } else if (at != null && at.getLine() > 0) {
                out.add(Diagnostic.error(file, at.getLine(), Math.max(at.getColumn(), 0) + 1, message));
            } else {
                refuse(fallback, message);
            }
        }

        static int offset(BaseDescr d) {
            return d == null ? -1 : d.getStartCharacter();
        }

        /** Where {@code fragment} stands in the text, searching from {@code from}; -1 if nowhere. */
        int find(String fragment, int from) {
            if (fragment == null || fragment.isEmpty()) {
                return -1;
            }
            return text.indexOf(fragment, Math.max(from, 0));
        }
    }

    /** The check of one parsed file against its package's names. */
    private static final class FileCheck {
        private final Source src;
        private final PackageDescr pkg;
        private final SandboxNames names;

        FileCheck(Parsed p, SandboxNames names) {
            this.src = p.src;
            this.pkg = p.pkg;
            this.names = names;
        }

        private final SandboxCode.Sink sink() {
            return src::refuse;
        }

        void run() {
            int start = Math.max(pkg.getStartCharacter(), 0);
            if (!PACKAGE.matcher(pkg.getName()).matches()) {
                src.refuse(src.find("package", 0), "package \"" + pkg.getName() + "\": a rules package is one "
                        + "lower-case word (dust, alerts…); the rules are compiled into it, so a package of the class "
                        + "path would give them its classes");
            }
            if (pkg.getUnit() != null) {
                src.refuse(start, "rule units are not allowed in rule files");
            }
            for (AttributeDescr a : pkg.getAttributes()) {
                attribute(a, start);
            }
            imports();
            for (GlobalDescr g : pkg.getGlobals()) {
                int at = src.find("global", 0);
                Ty t = SandboxCode.typeOf(names, (o, m) -> {}, g.getType(), -1, false);
                if (!g.getIdentifier().equals(Evaluator.REFERENCE_GLOBAL) || t == null || t.cls() != Reference.class) {
                    src.refuse(g, at, "global " + g.getType() + " " + g.getIdentifier() + ": the only global is "
                            + Evaluator.REFERENCE_GLOBAL + " (" + Reference.class.getName() + "), the reference tables");
                }
            }
            if (!pkg.getEntryPointDeclarations().isEmpty() || !pkg.getWindowDeclarations().isEmpty()
                    || !pkg.getEnumDeclarations().isEmpty()) {
                src.refuse(src.find("declare", 0), "declare entry-point, window and enum are not allowed in rule files");
            }
            for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                declaration(t);
            }
            for (FunctionDescr f : pkg.getFunctions()) {
                function(f);
            }
            for (RuleDescr r : pkg.getRules()) {
                rule(r);
            }
        }

        private void imports() {
            for (ImportDescr i : pkg.getImports()) {
                String target = i.getTarget();
                int at = src.find(target, 0);
                if (i instanceof AccumulateImportDescr) {
                    src.refuse(i, at, "import accumulate " + target + ": rules may accumulate with Drools' own "
                            + "functions only (count, sum, average, min, max, collectList, collectSet …)");
                } else if (!target.equals(AllowList.FACT_PACKAGE + ".*") && AllowList.byName(target).isEmpty()) {
                    src.refuse(i, at, "import " + target + ": rules may import only " + ALLOWED_TYPES
                            + (target.endsWith(".*") ? "; import those classes one by one" : ""));
                }
            }
            for (FunctionImportDescr i : pkg.getFunctionImports()) {
                String target = i.getTarget();
                int at = src.find(target, 0);
                String member = target.startsWith(AllowList.EMIT + ".") ? target.substring(AllowList.EMIT.length() + 1) : null;
                if (member == null || !member.equals("*") && !AllowList.emitHelpers().containsKey(member)) {
                    src.refuse(i, at, "import function " + target + ": rules may import the helpers of "
                            + AllowList.EMIT + " only");
                }
            }
            for (AccumulateImportDescr i : pkg.getAccumulateImports()) {
                src.refuse(i, src.find(i.getTarget(), 0), "import accumulate " + i.getTarget() + ": rules may "
                        + "accumulate with Drools' own functions only");
            }
        }

        // ---- declared types -----------------------------------------------------------------------

        private void declaration(TypeDeclarationDescr t) {
            int at = Source.offset(t) >= 0 ? Source.offset(t) : src.find("declare", 0);
            String name = t.getTypeName();
            if (t.isTrait() || !t.getSuperTypes().isEmpty()) {
                src.refuse(t, at, "declare " + name + ": declared types may not extend another type");
            }
            Ty existing = names.simpleType(name);
            boolean newType = !t.getFields().isEmpty();
            if (newType) {
                if (!IDENTIFIER.matcher(name).matches() || AllowList.javaLang(name) != null
                        || AllowList.byName(AllowList.FACT_PACKAGE + "." + name).isPresent()) {
                    src.refuse(t, at, "declare " + name + ": a new type needs a name of its own, not that of a fact "
                            + "or of a Java type");
                }
            } else if (existing == null || existing.cls() == null) {
                src.refuse(t, at, "declare " + name + " with no fields must name a class of the fact model it adds "
                        + "metadata to");
            }
            for (AnnotationDescr a : t.getAnnotations()) {
                typeAnnotation(t, a, at, newType, existing);
            }
            for (TypeFieldDescr f : t.getFields().values()) {
                int fieldAt = Source.offset(f) >= 0 ? Source.offset(f) : at;
                if (f.getInitExpr() != null) {
                    src.refuse(fieldAt, "declare " + name + ": field " + f.getFieldName() + " has an initialiser ("
                            + SandboxCode.abbreviate(f.getInitExpr()) + "); declared fields may have no default value, "
                            + "it would run as code");
                }
                Ty type = SandboxCode.typeOf(names, sink(), f.getPattern().getObjectType(), fieldAt, false);
                if (type != null && type.cls() == null && type.declared() == null) {
                    src.refuse(fieldAt, "declare " + name + ": field " + f.getFieldName() + " needs a type");
                }
                for (AnnotationDescr a : f.getAnnotations()) {
                    boolean ok = a.getName().equals("key") && !a.hasValue()
                            || a.getName().equals("position") && single(a).map(v -> v.matches("\\d+")).orElse(false);
                    if (!ok) {
                        src.refuse(fieldAt, "declare " + name + ": field annotation @" + a.getName()
                                + " is not allowed (only @key and @position(n))");
                    }
                }
            }
        }

        private void typeAnnotation(TypeDeclarationDescr t, AnnotationDescr a, int at, boolean newType, Ty existing) {
            String n = a.getName();
            Optional<String> v = single(a);
            boolean ok = switch (n) {
                case "role" -> v.map(x -> x.equals("event") || x.equals("fact")).orElse(false);
                case "timestamp", "duration" -> v.map(x -> IDENTIFIER.matcher(x).matches()
                        && hasProperty(t, x, newType, existing)).orElse(false);
                case "expires" -> v.map(x -> TIME.matcher(x).matches()).orElse(false);
                case "propertyReactive", "classReactive" -> !a.hasValue();
                default -> false;
            };
            if (!ok) {
                src.refuse(src.find("@" + n, at), "declare " + t.getTypeName() + ": @" + n
                        + (a.hasValue() ? "(" + SandboxCode.abbreviate(String.valueOf(a.getValueMap().values())) + ")" : "")
                        + " is not allowed; a declaration may carry @role(event|fact), @timestamp(field), "
                        + "@duration(field), @expires(time), @propertyReactive, @classReactive");
            }
        }

        private boolean hasProperty(TypeDeclarationDescr t, String p, boolean newType, Ty existing) {
            if (newType) {
                return t.getFields().containsKey(p);
            }
            if (existing == null || existing.cls() == null) {
                return false;
            }
            String cap = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            for (String getter : List.of("get" + cap, p)) {
                for (var m : AllowList.methods(existing.cls(), getter, 0)) {
                    if (AllowList.isPlain(m.getReturnType()) && !AllowList.deniedMethod(m.getName())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static Optional<String> single(AnnotationDescr a) {
            if (!a.hasValue() || a.getValueMap().size() != 1) {
                return Optional.empty();
            }
            Object v = a.getValueMap().values().iterator().next();
            return v instanceof String s ? Optional.of(s.strip()) : Optional.empty();
        }

        // ---- functions ----------------------------------------------------------------------------

        private void function(FunctionDescr f) {
            int at = Source.offset(f);
            if (f.getDialect() != null && !f.getDialect().equals("java")) {
                src.refuse(f, at, "function " + f.getName() + ": only Java functions are allowed");
            }
            SandboxCode.typeOf(names, sink(), f.getReturnType(), src.find(f.getReturnType(), at), true);
            Map<String, Ty> params = new LinkedHashMap<>();
            for (int i = 0; i < f.getParameterNames().size(); i++) {
                String type = f.getParameterTypes().get(i);
                Ty t = SandboxCode.typeOf(names, sink(), type, src.find(type, at), false);
                params.put(f.getParameterNames().get(i), t == null ? Ty.UNKNOWN : t.asValue());
            }
            String body = f.getBody() == null ? "" : f.getBody();
            SandboxCode.block(names, sink(), Mode.FUNCTION, params, body, src.find(body, at));
        }

        /** No function may call itself, directly or round a cycle: a run would never end. */
        static void cycles(List<Parsed> parsed, SandboxNames names) {
            Map<String, Set<String>> graph = new LinkedHashMap<>();
            Map<String, Parsed> where = new LinkedHashMap<>();
            for (Parsed p : parsed) {
                if (!p.pkg.getName().equals(names.pkg)) {
                    continue;
                }
                for (FunctionDescr f : p.pkg.getFunctions()) {
                    SandboxCode code = SandboxCode.block(names, (o, m) -> {}, Mode.FUNCTION, Map.of(),
                            f.getBody() == null ? "" : f.getBody(), -1);
                    graph.put(f.getName(), code.functionsCalled);
                    where.put(f.getName(), p);
                }
            }
            for (String f : graph.keySet()) {
                if (reaches(graph, f, f, new HashSet<>())) {
                    Parsed p = where.get(f);
                    FunctionDescr d = p.pkg.getFunctions().stream().filter(x -> x.getName().equals(f)).findFirst().orElseThrow();
                    p.src.refuse(d, -1, "function " + f + " calls itself (directly or through other functions); "
                            + "a rule run could never end");
                }
            }
        }

        private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
            for (String next : graph.getOrDefault(from, Set.of())) {
                if (next.equals(target)) {
                    return true;
                }
                if (seen.add(next) && reaches(graph, next, target, seen)) {
                    return true;
                }
            }
            return false;
        }

        // ---- rules --------------------------------------------------------------------------------

        private void rule(RuleDescr r) {
            int start = Source.offset(r);
            String what = (r.isQuery() ? "query \"" : "rule \"") + r.getName() + "\"";
            if (r.isQuery()) {
                src.refuse(r, start, what + ": queries are not allowed in rule files");
                return;
            }
            if (r.getUnit() != null) {
                src.refuse(r, start, what + ": rule units are not allowed");
            }
            for (AttributeDescr a : r.getAttributes().values()) {
                attribute(a, start);
            }
            for (AnnotationDescr a : r.getAnnotations()) {
                metadata(what, a, start);
            }
            Map<String, Ty> bindings = new LinkedHashMap<>();
            lhs(r.getLhs(), bindings, start);
            if (!r.getNamedConsequences().isEmpty()) {
                src.refuse(r, start, what + ": named consequences (then[…], do[…]) are not allowed");
            }
            if (r.getConsequence() instanceof String text && !text.isBlank()) {
                int at = src.find(text, start);
                SandboxCode.block(names, sink(), Mode.CONSEQUENCE, bindings, text, at);
            } else if (r.getConsequence() != null && !(r.getConsequence() instanceof String)) {
                src.refuse(r, start, what + ": the consequence is not plain Java");
            }
        }

        private void attribute(AttributeDescr a, int fallback) {
            String n = a.getName();
            String v = a.getValue() == null ? "" : a.getValue().strip();
            String problem = null;
            if (n.equals("salience")) {
                if (!v.matches("-?\\d+")) {
                    problem = "salience must be a whole number, not an expression (" + SandboxCode.abbreviate(v) + ")";
                }
            } else if (n.equals("enabled")) {
                if (!v.equals("true") && !v.equals("false")) {
                    problem = "enabled must be true or false, not an expression (" + SandboxCode.abbreviate(v) + ")";
                }
            } else if (BOOLEAN_ATTRIBUTES.contains(n)) {
                if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
                    problem = n + " must be true or false";
                }
            } else if (n.equals("dialect")) {
                if (!v.equals("java")) {
                    problem = "dialect \"" + v + "\" is not allowed: rules are written in Java (MVEL would run its "
                            + "consequences as scripts)";
                }
            } else if (n.equals("date-effective") || n.equals("date-expires")) {
                problem = n + " is not allowed: Drools would read the wall clock; use @effectiveFrom and @effectiveTo";
            } else if (!NAME_ATTRIBUTES.contains(n)) {
                problem = n + " is not allowed in rule files (timers, calendars and other attributes run code "
                        + "or read the clock)";
            }
            if (problem != null) {
                src.refuse(a, fallback, problem);
            }
        }

        private void metadata(String what, AnnotationDescr a, int start) {
            int at = src.find("@" + a.getName(), start);
            if (!METADATA_NAME.matcher(a.getName()).matches() || a.getFullyQualifiedName() != null) {
                src.refuse(at, what + ": metadata @" + a.getName() + " is not allowed: metadata names start with "
                        + "a lower-case letter (a capitalised one may be taken for a Java annotation or an engine "
                        + "setting, whose values Drools evaluates)");
                return;
            }
            for (Object v : a.getValueMap().values()) {
                if (!(v instanceof String s) || !LITERAL.matcher(s.strip()).matches()) {
                    src.refuse(at, what + ": metadata @" + a.getName() + " must be a literal (a \"quoted string\", a "
                            + "number, true or false), not " + SandboxCode.abbreviate(String.valueOf(v))
                            + ": Drools evaluates any other value as an expression while compiling");
                    return;
                }
            }
        }

        private void lhs(BaseDescr d, Map<String, Ty> bindings, int fallback) {
            if (d instanceof AnnotatedBaseDescr annotated && !(d instanceof PatternDescr)
                    && !annotated.getAnnotations().isEmpty()) {
                src.refuse(d, fallback, "annotations on conditions are not allowed");
            }
            if (d instanceof PatternDescr p) {
                pattern(p, bindings, fallback);
            } else if (d instanceof EvalDescr e) {
                String text = String.valueOf(e.getContent());
                int at = src.find(text, Source.offset(e) >= 0 ? Source.offset(e) : fallback);
                SandboxCode.expression(names, sink(), Mode.EVAL, bindings, null, text, at);
            } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr
                    || d instanceof ExistsDescr || d instanceof ForallDescr) {
                for (BaseDescr c : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                    lhs(c, bindings, Source.offset(d) >= 0 ? Source.offset(d) : fallback);
                }
            } else if (d != null) {
                src.refuse(d, fallback, "this kind of condition (" + d.getClass().getSimpleName().replace("Descr", "")
                        + ") is not allowed in rule files");
            }
        }

        private void pattern(PatternDescr p, Map<String, Ty> bindings, int fallback) {
            int at = Source.offset(p) >= 0 ? Source.offset(p) : fallback;
            if (p.isQuery() || p.isUnification()) {
                src.refuse(p, at, "queries and unification (?x) are not allowed in rule files");
                return;
            }
            if (!p.getAnnotations().isEmpty()) {
                src.refuse(p, at, "annotations on patterns (@watch …) are not allowed");
            }
            String typeName = p.getObjectType();
            Ty type = typeName == null || typeName.startsWith("/") ? null
                    : SandboxCode.typeOf(names, (o, m) -> {}, typeName, -1, false);
            if (type == null || type.cls() != null && type.cls().isPrimitive()) {
                src.refuse(p, at, "a pattern may match " + ALLOWED_TYPES + " or a declared type; not " + typeName);
                return;
            }
            Ty self = type.asValue();
            if (p.getSource() instanceof FromDescr from) {
                String text = from.getDataSource() instanceof MVELExprDescr mvel ? mvel.getExpression() : from.getExpression();
                SandboxCode.expression(names, sink(), Mode.EXPRESSION, bindings, null, text, src.find(text, at));
            } else if (p.getSource() instanceof GroupByDescr g) {
                src.refuse(g, at, "groupby is not allowed in rule files");
            } else if (p.getSource() instanceof AccumulateDescr acc) {
                accumulate(acc, bindings, at);
            } else if (p.getSource() instanceof CollectDescr collect) {
                lhs(collect.getInputPattern(), bindings, at);
            } else if (p.getSource() != null && !(p.getSource() instanceof EntryPointDescr)) {
                src.refuse(p.getSource(), at, "a pattern may come from working memory, an entry point, from, "
                        + "collect or accumulate; not " + p.getSource().getClass().getSimpleName().replace("Descr", ""));
            }
            for (BehaviorDescr b : p.getBehaviors()) {
                List<String> params = b.getParameters();
                boolean ok = "window".equals(b.getType()) && params.size() == 1
                        && ("time".equals(b.getSubType()) && TIME.matcher(params.get(0).strip()).matches()
                        || "length".equals(b.getSubType()) && params.get(0).strip().matches("\\d+"));
                if (!ok) {
                    src.refuse(src.find("over", at), "over " + b.getType() + ":" + b.getSubType() + params
                            + " is not allowed: windows are window:time(1h) or window:length(10)");
                }
            }
            if (p.getIdentifier() != null) {
                bindings.put(p.getIdentifier(), self);
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    constraint(e, self, bindings, at);
                } else {
                    src.refuse(c, at, "this kind of constraint is not allowed in rule files");
                }
            }
        }

        private void accumulate(AccumulateDescr acc, Map<String, Ty> bindings, int at) {
            if (!acc.isExternalFunction()) {
                src.refuse(acc, at, "accumulate with init/action/result code is not allowed: use Drools' own "
                        + "functions (count, sum, average, min, max, collectList, collectSet …)");
                return;
            }
            lhs(acc.getInput(), bindings, at);
            for (AccumulateDescr.AccumulateFunctionCallDescr fn : acc.getFunctions()) {
                Class<?> result = ACCUMULATE.get(fn.getFunction());
                if (result == null) {
                    src.refuse(acc, at, "accumulate function " + fn.getFunction() + " is not allowed: use Drools' "
                            + "own functions (count, sum, average, min, max, collectList, collectSet …)");
                    continue;
                }
                for (String param : fn.getParams()) {
                    SandboxCode.expression(names, sink(), Mode.EXPRESSION, bindings, null, param,
                            src.find(param, Source.offset(acc) >= 0 ? Source.offset(acc) : at));
                }
                if (fn.getBind() != null) {
                    bindings.put(fn.getBind(), result == Object.class ? Ty.UNKNOWN : Ty.value(result));
                }
            }
        }

        private void constraint(ExprConstraintDescr e, Ty self, Map<String, Ty> bindings, int fallback) {
            String text = e.getExpression();
            int at = Source.offset(e) >= 0 && text.equals(src.text.substring(Source.offset(e),
                    Math.min(src.text.length(), Source.offset(e) + text.length()))) ? Source.offset(e) : src.find(text, fallback);
            DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
            ConstraintConnectiveDescr parsed = parser.parse(text);
            if (parser.hasErrors() || parsed == null) {
                src.refuse(at, "the sandbox cannot read the condition \"" + SandboxCode.abbreviate(text) + "\"");
                return;
            }
            new Constraint(text, at, self, bindings).walk(parsed);
        }

        /** One constraint of a pattern: its bindings, operators and expressions. */
        private final class Constraint {
            private final String text;
            private final int at;
            private final Ty self;
            private final Map<String, Ty> bindings;
            private int cursor;

            Constraint(String text, int at, Ty self, Map<String, Ty> bindings) {
                this.text = text;
                this.at = at;
                this.self = self;
                this.bindings = bindings;
            }

            /** Where an expression of the constraint starts in the file, found from where the last one was. */
            private int offset(String expression) {
                int i = text.indexOf(expression.strip(), cursor);
                if (i < 0) {
                    i = text.indexOf(expression.strip());
                }
                if (i < 0 || at < 0) {
                    return at;
                }
                cursor = i;
                return at + i;
            }

            void walk(BaseDescr d) {
                if (d instanceof ConstraintConnectiveDescr c) {
                    c.getDescrs().forEach(this::walk);
                } else if (d instanceof RelationalExprDescr r) {
                    walk(r.getLeft());
                    operator(r);
                    walk(r.getRight());
                } else if (d instanceof BindingDescr b) {
                    if (b.isUnification()) {
                        src.refuse(at, "unification (?x) is not allowed in rule files");
                        return;
                    }
                    Ty t = expression(b.getExpression());
                    bindings.put(b.getVariable(), t.is(Kind.TYPE) || t.is(Kind.NULL) ? Ty.UNKNOWN : t);
                } else if (d instanceof AtomicExprDescr a) {
                    expression(a.getExpression());
                } else if (d != null) {
                    src.refuse(at, "the sandbox cannot read the condition \"" + SandboxCode.abbreviate(text) + "\"");
                }
            }

            private Ty expression(String expression) {
                return SandboxCode.expression(names, sink(), Mode.CONSTRAINT, bindings, self, expression, offset(expression));
            }

            private void operator(RelationalExprDescr r) {
                String op = r.getOperator();
                List<String> params = r.getParameters() == null ? List.of() : r.getParameters();
                String problem = null;
                if (!OPERATORS.contains(op)) {
                    problem = "the operator " + op + " is not allowed in rule files";
                } else if (TEMPORAL.contains(op)) {
                    if (params.stream().anyMatch(p -> !TIME.matcher(p.strip()).matches())) {
                        problem = op + params + ": a temporal operator takes time literals (1h, 30m, 10s)";
                    }
                } else if (op.equals("str")) {
                    if (params.size() != 1 || !Set.of("startsWith", "endsWith", "length").contains(params.get(0).strip())) {
                        problem = "str[…] takes startsWith, endsWith or length";
                    }
                } else if (!params.isEmpty()) {
                    problem = "the operator " + op + " takes no parameters";
                }
                if (problem != null) {
                    int i = text.indexOf(op, cursor);
                    src.refuse(i < 0 || at < 0 ? at : at + i, problem);
                }
            }
        }
    }
}
