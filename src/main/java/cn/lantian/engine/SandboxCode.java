package cn.lantian.engine;

import cn.lantian.engine.SandboxNames.Declared;
import cn.lantian.engine.SandboxNames.Ty;
import cn.lantian.engine.SandboxNames.Ty.Kind;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.VoidType;
import com.github.javaparser.ast.type.WildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges one piece of rule code the way the compiler will read it: a consequence or a function body (Java
 * statements), or one expression of a condition (MVEL, read here with Java's expression syntax, which
 * MVEL shares for everything the sandbox lets through). Every name is resolved and every value typed, so
 * that each call, constructor and field is checked against the {@link AllowList} on the class the
 * compiler will pick. What the sandbox cannot read or type is refused, never waved through.
 */
final class SandboxCode {

    /** Where the code sits, which decides what it may do. */
    enum Mode {
        /** a rule's consequence: Java statements, kcontext and drools as Emit's argument, insert/delete */
        CONSEQUENCE,
        /** a DRL function body: Java statements, no session */
        FUNCTION,
        /** an expression of a pattern's constraint: MVEL, fields of the matched fact by their name */
        CONSTRAINT,
        /** a from source, an accumulate argument: MVEL over the bindings and globals */
        EXPRESSION,
        /** an eval: comparisons of bindings and literals only */
        EVAL
    }

    /** Receives each refusal at its offset in the file (-1 when not known). */
    interface Sink {
        void refuse(int offset, String message);
    }

    private static final ParserConfiguration CONFIG = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setAttributeComments(false);
    private static final Set<String> MACROS = Set.of("insert", "insertLogical", "update", "delete", "retract");
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode");

    private final SandboxNames names;
    private final Sink sink;
    private final Mode mode;
    private final Map<String, Ty> vars;
    private final Ty self;
    private final String parsed;
    private final int prefix;
    private final int base;
    private final Deque<Map<String, Ty>> locals = new ArrayDeque<>();
    /** The package functions this code calls, for the check that no function calls itself round a cycle. */
    final Set<String> functionsCalled = new LinkedHashSet<>();

    private SandboxCode(SandboxNames names, Sink sink, Mode mode, Map<String, Ty> vars, Ty self, String parsed,
                        int prefix, int base) {
        this.names = names;
        this.sink = sink;
        this.mode = mode;
        this.vars = vars;
        this.self = self;
        this.parsed = parsed;
        this.prefix = prefix;
        this.base = base;
    }

    /** Checks a consequence or function body, {@code text} found at {@code base} in the file. */
    static SandboxCode block(SandboxNames names, Sink sink, Mode mode, Map<String, Ty> vars, String text, int base) {
        String wrapped = "{" + text + "\n}";
        SandboxCode code = new SandboxCode(names, sink, mode, vars, null, wrapped, 1, base);
        ParseResult<BlockStmt> result = new JavaParser(CONFIG).parseBlock(wrapped);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            code.unreadable(result.getProblems(), mode == Mode.CONSEQUENCE
                    ? "a consequence must be plain Java statements (no Drools blocks such as modify, nothing outside its own block)"
                    : "a function body must be plain Java statements, inside its own block");
            return code;
        }
        code.locals.push(new HashMap<>());
        code.statement(result.getResult().get());
        return code;
    }

    /** A bare name or a plain literal, most of a condition's operands: read without a parser. */
    private static final Pattern SIMPLE_NAME = Pattern.compile("[$A-Za-z_][$A-Za-z0-9_]*");
    private static final Pattern SIMPLE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern SIMPLE_STRING = Pattern.compile("\"[^\"\\\\\\r\\n]*\"");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "_");

    /** Checks one expression and tells its type ({@link Ty#UNKNOWN} when refused or not known). */
    static Ty expression(SandboxNames names, Sink sink, Mode mode, Map<String, Ty> vars, Ty self, String text, int base) {
        SandboxCode code = new SandboxCode(names, sink, mode, vars, self, text, 0, base);
        String plain = text.strip();
        if (SIMPLE_NAME.matcher(plain).matches() && !KEYWORDS.contains(plain)) {
            code.locals.push(new HashMap<>());
            return code.value(new NameExpr(plain));
        }
        if (SIMPLE_STRING.matcher(plain).matches()) {
            return Ty.STRING;
        }
        if (SIMPLE_NUMBER.matcher(plain).matches()) {
            return Ty.value(int.class);
        }
        ParseResult<Expression> result = new JavaParser(CONFIG).parseExpression(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            code.unreadable(result.getProblems(), "the sandbox cannot read \"" + abbreviate(text)
                    + "\" as an expression: conditions may use Java's expression syntax only");
            return Ty.REFUSED;
        }
        code.locals.push(new HashMap<>());
        return code.value(result.getResult().get());
    }

    /** Checks a type written in a rule file ("java.util.List<String>", "SiteBlock.Enclosure"); null when refused. */
    static Ty typeOf(SandboxNames names, Sink sink, String text, int base, boolean voidAllowed) {
        SandboxCode code = new SandboxCode(names, sink, Mode.EXPRESSION, Map.of(), null, text, 0, base);
        ParseResult<Type> result = new JavaParser(CONFIG).parseType(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            sink.refuse(base, "the sandbox cannot read \"" + abbreviate(text) + "\" as a type");
            return null;
        }
        Type t = result.getResult().get();
        if (t instanceof VoidType) {
            if (!voidAllowed) {
                sink.refuse(base, "void is not a type of a value");
            }
            return voidAllowed ? Ty.NONE : null;
        }
        return code.type(t);
    }

    // ---- statements ---------------------------------------------------------------------------------

    private void statement(Statement s) {
        if (s instanceof BlockStmt b) {
            locals.push(new HashMap<>());
            b.getStatements().forEach(this::statement);
            locals.pop();
        } else if (s instanceof ExpressionStmt e) {
            expr(e.getExpression());
        } else if (s instanceof IfStmt i) {
            value(i.getCondition());
            statement(i.getThenStmt());
            i.getElseStmt().ifPresent(this::statement);
        } else if (s instanceof SwitchStmt sw) {
            value(sw.getSelector());
            locals.push(new HashMap<>());
            sw.getEntries().forEach(this::switchEntry);
            locals.pop();
        } else if (s instanceof ReturnStmt r) {
            r.getExpression().ifPresent(this::value);
        } else if (s instanceof ForEachStmt f) {
            annotations(f.getVariable());
            value(f.getIterable());
            locals.push(new HashMap<>());
            declare(f.getVariable().getVariables(), f.getVariable().getElementType());
            statement(f.getBody());
            locals.pop();
        } else if (s instanceof BreakStmt b) {
            b.getLabel().ifPresent(l -> refuse(s, "labelled break is not allowed in rules"));
        } else if (s instanceof ContinueStmt c) {
            c.getLabel().ifPresent(l -> refuse(s, "labelled continue is not allowed in rules"));
        } else if (s instanceof YieldStmt y) {
            value(y.getExpression());
        } else if (s instanceof EmptyStmt) {
            return;
        } else if (s.isWhileStmt() || s.isDoStmt() || s.isForStmt()) {
            refuse(s, "loops other than for-each over a collection are not allowed in rules (a run could never end)");
        } else if (s.isLocalClassDeclarationStmt() || s.isLocalRecordDeclarationStmt()) {
            refuse(s, "classes may not be declared in rule code (their initialisers would run)");
        } else if (s.isTryStmt() || s.isThrowStmt()) {
            refuse(s, "try and throw are not allowed in rules: a rule that fails makes its case fail");
        } else {
            refuse(s, "this statement is not allowed in rules: " + abbreviate(s.toString()));
        }
    }

    /** Annotations in rule code are refused: the compiler would resolve and process them. */
    private void annotations(VariableDeclarationExpr v) {
        v.getAnnotations().forEach(a -> refuse(a, "annotations are not allowed in rule code"));
    }

    private void switchEntry(SwitchEntry e) {
        for (Expression label : e.getLabels()) {
            if (!label.isNameExpr()) { // an enum constant's name, resolved by the compiler against the selector
                value(label);
            }
        }
        if (e.getType() == SwitchEntry.Type.THROWS_STATEMENT) {
            refuse(e, "throw is not allowed in rules");
            return;
        }
        e.getStatements().forEach(this::statement);
    }

    private void declare(NodeList<VariableDeclarator> declarators, Type declaredType) {
        for (VariableDeclarator v : declarators) {
            Ty init = v.getInitializer().map(this::value).orElse(null);
            Ty t;
            if (v.getType() instanceof VarType) {
                t = init == null ? Ty.UNKNOWN : init.is(Kind.NULL) ? Ty.UNKNOWN : init;
            } else {
                Ty declared = type(v.getType());
                t = declared == null ? Ty.REFUSED : declared.asValue();
            }
            locals.peek().put(v.getNameAsString(), t);
        }
    }

    // ---- expressions --------------------------------------------------------------------------------

    private boolean java() {
        return mode == Mode.CONSEQUENCE || mode == Mode.FUNCTION;
    }

    private boolean mvel() {
        return mode == Mode.CONSTRAINT || mode == Mode.EXPRESSION;
    }

    /** An expression that must be a value (not a type, a package, kcontext). */
    private Ty value(Expression e) {
        Ty t = expr(e);
        switch (t.kind()) {
            case TYPE, EMIT -> {
                refuse(e, t.describe() + " is a class, not a value");
                return Ty.REFUSED;
            }
            case PACKAGE -> {
                refuse(e, unknownName(t.name()));
                return Ty.REFUSED;
            }
            case CONTEXT -> {
                refuse(e, "kcontext and drools may only be passed, as they are, to a helper of cn.lantian.engine.Emit");
                return Ty.REFUSED;
            }
            default -> {
                return t;
            }
        }
    }

    private Ty expr(Expression e) {
        if (e instanceof StringLiteralExpr) {
            return Ty.STRING;
        } else if (e instanceof TextBlockLiteralExpr) {
            if (!java()) {
                // MVEL reads three quotes as an empty string and the start of another: what Java takes for a
                // text block's content, MVEL would run as code.
                refuse(e, "text blocks are not allowed in conditions; write a \"string\"");
                return Ty.REFUSED;
            }
            return Ty.STRING;
        } else if (e instanceof IntegerLiteralExpr) {
            return Ty.value(int.class);
        } else if (e instanceof LongLiteralExpr) {
            return Ty.value(long.class);
        } else if (e instanceof DoubleLiteralExpr) {
            return Ty.value(double.class);
        } else if (e instanceof BooleanLiteralExpr) {
            return Ty.BOOLEAN;
        } else if (e instanceof CharLiteralExpr) {
            return Ty.value(char.class);
        } else if (e instanceof NullLiteralExpr) {
            return Ty.NULL;
        } else if (e instanceof EnclosedExpr x) {
            return value(x.getInner());
        } else if (e instanceof NameExpr x) {
            return name(x);
        } else if (e instanceof FieldAccessExpr x) {
            return field(x);
        } else if (e instanceof MethodCallExpr x) {
            return call(x);
        } else if (e instanceof ObjectCreationExpr x) {
            return create(x);
        } else if (e instanceof BinaryExpr x) {
            return binary(x);
        } else if (e instanceof UnaryExpr x) {
            return unary(x);
        } else if (e instanceof ConditionalExpr x) {
            value(x.getCondition());
            return join(value(x.getThenExpr()), value(x.getElseExpr()));
        } else if (e instanceof CastExpr x) {
            Ty target = type(x.getType());
            value(x.getExpression());
            return target == null ? Ty.REFUSED : target.asValue();
        } else if (e instanceof InstanceOfExpr x) {
            value(x.getExpression());
            if (x.getPattern().isPresent()) {
                refuse(x, "instanceof with a pattern variable is not allowed in rules");
            } else {
                type(x.getType());
            }
            return Ty.BOOLEAN;
        } else if (e instanceof ArrayAccessExpr x) {
            Ty array = value(x.getName());
            value(x.getIndex());
            return array.cls() != null && array.cls().isArray() ? Ty.value(array.cls().getComponentType()) : Ty.UNKNOWN;
        } else if (e instanceof AssignExpr x) {
            return assign(x);
        } else if (e instanceof VariableDeclarationExpr x && java()) {
            annotations(x);
            declare(x.getVariables(), x.getElementType());
            return Ty.NONE;
        } else if (e instanceof SwitchExpr x && java()) {
            value(x.getSelector());
            locals.push(new HashMap<>());
            x.getEntries().forEach(this::switchEntry);
            locals.pop();
            return Ty.UNKNOWN;
        } else if (e instanceof ThisExpr x && mode == Mode.CONSTRAINT && x.getTypeName().isEmpty() && self != null) {
            return self.asValue();
        }
        refuse(e, describe(e) + " is not allowed in rules");
        return Ty.REFUSED;
    }

    private static String describe(Expression e) {
        if (e.isLambdaExpr()) {
            return "a lambda";
        } else if (e.isMethodReferenceExpr()) {
            return "a method reference";
        } else if (e.isClassExpr()) {
            return "a class literal (" + abbreviate(e.toString()) + ", reflection)";
        } else if (e.isArrayCreationExpr() || e.isArrayInitializerExpr()) {
            return "creating an array";
        } else if (e.isThisExpr() || e.isSuperExpr()) {
            return "\"" + e + "\"";
        } else if (e.isAssignExpr()) {
            return "an assignment";
        } else if (e.isSwitchExpr()) {
            return "a switch in a condition";
        } else if (e.isVariableDeclarationExpr()) {
            return "a variable declaration in a condition";
        }
        return "\"" + abbreviate(e.toString()) + "\"";
    }

    private Ty assign(AssignExpr x) {
        Ty v = value(x.getValue());
        if (!java()) {
            refuse(x, "an assignment is not allowed in a condition");
            return Ty.REFUSED;
        }
        if (!(x.getTarget() instanceof NameExpr n) || local(n.getNameAsString()) == null) {
            refuse(x.getTarget(), "only a variable of the rule's own code may be assigned, not " + abbreviate(x.getTarget().toString()));
            return Ty.REFUSED;
        }
        return v;
    }

    private Ty unary(UnaryExpr x) {
        Ty t = value(x.getExpression());
        switch (x.getOperator()) {
            case LOGICAL_COMPLEMENT:
                return Ty.BOOLEAN;
            case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
                if (!java() || !(x.getExpression() instanceof NameExpr n) || local(n.getNameAsString()) == null) {
                    refuse(x, "only a variable of the rule's own code may be incremented");
                }
                return t;
            default:
                return t;
        }
    }

    private Ty binary(BinaryExpr x) {
        Ty a = value(x.getLeft());
        Ty b = value(x.getRight());
        return switch (x.getOperator()) {
            case PLUS -> isString(a) || isString(b) ? Ty.STRING : Ty.UNKNOWN;
            case EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS, AND, OR -> Ty.BOOLEAN;
            default -> Ty.UNKNOWN;
        };
    }

    private static boolean isString(Ty t) {
        return t.is(Kind.VALUE) && t.cls() == String.class;
    }

    private static Ty join(Ty a, Ty b) {
        if (a.is(Kind.REFUSED) || b.is(Kind.REFUSED)) {
            return Ty.REFUSED;
        }
        if (a.is(Kind.NULL)) {
            return b;
        }
        if (b.is(Kind.NULL) || a.equals(b)) {
            return a;
        }
        return Ty.UNKNOWN;
    }

    private Ty local(String n) {
        for (Map<String, Ty> scope : locals) {
            Ty t = scope.get(n);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private Ty name(NameExpr x) {
        String n = x.getNameAsString();
        Ty t = local(n);
        if (t == null) {
            t = vars.get(n);
        }
        if (t != null) {
            return t;
        }
        if (n.equals("kcontext") || n.equals("drools")) {
            if (mode == Mode.CONSEQUENCE) {
                return Ty.CONTEXT;
            }
            refuse(x, n + " is not available here");
            return Ty.REFUSED;
        }
        t = names.globals.get(n);
        if (t != null && mode != Mode.FUNCTION) {
            return t;
        }
        if (mode == Mode.CONSTRAINT && self != null) {
            Ty p = property(self, n, x, false);
            if (p != null) {
                return p;
            }
        }
        t = names.simpleType(n);
        if (t != null) {
            return t;
        }
        return Ty.packagePrefix(n);
    }

    private static String unknownName(String dotted) {
        return dotted.contains(".") || Character.isUpperCase(dotted.charAt(0))
                ? dotted + " is not a class rules may use: rules may use the fact model (cn.lantian.fact), the ref tables, "
                  + "their helper functions and plain value types (String, Math, boxed numbers, java.time, java.util collections)"
                : "\"" + dotted + "\" names nothing a rule may use here";
    }

    private Ty field(FieldAccessExpr x) {
        Ty scope = expr(x.getScope());
        String f = x.getNameAsString();
        switch (scope.kind()) {
            case REFUSED:
                return Ty.REFUSED;
            case PACKAGE: {
                String dotted = scope.name() + "." + f;
                if (dotted.equals(AllowList.EMIT)) {
                    return Ty.EMIT;
                }
                return names.listed(dotted).map(Ty::type).orElse(Ty.packagePrefix(dotted));
            }
            case TYPE: {
                if (scope.cls() == null) {
                    refuse(x, "a declared type has no static fields");
                    return Ty.REFUSED;
                }
                var member = AllowList.member(scope.cls(), f);
                if (member.isPresent()) {
                    return Ty.type(member.get());
                }
                return staticField(scope.cls(), f, x);
            }
            case VALUE: {
                if (scope.cls() != null && scope.cls().isArray() && f.equals("length")) {
                    return Ty.value(int.class);
                }
                if (mvel()) {
                    Ty p = property(scope, f, x, true);
                    return p == null ? Ty.REFUSED : p;
                }
                return instanceField(scope, f, x);
            }
            case CONTEXT:
                refuse(x, "kcontext and drools may only be passed, as they are, to a helper of cn.lantian.engine.Emit");
                return Ty.REFUSED;
            default:
                refuse(x, "the sandbox cannot tell what " + abbreviate(x.getScope().toString()) + " is, so not what ."
                        + f + " reads");
                return Ty.REFUSED;
        }
    }

    private Ty staticField(Class<?> c, String f, Node at) {
        try {
            Field field = c.getField(f);
            if (Modifier.isStatic(field.getModifiers()) && AllowList.isPlain(field.getType())) {
                return Ty.value(field.getType());
            }
        } catch (NoSuchFieldException e) {
            // refused below
        }
        refuse(at, c.getSimpleName() + " has no constant " + f + " a rule may read");
        return Ty.REFUSED;
    }

    private Ty instanceField(Ty owner, String f, Node at) {
        if (owner.cls() != null) {
            try {
                Field field = owner.cls().getField(f);
                if (!Modifier.isStatic(field.getModifiers()) && AllowList.isPlain(field.getType())) {
                    return Ty.value(field.getType());
                }
            } catch (NoSuchFieldException e) {
                // refused below
            }
        }
        refuse(at, owner.describe() + " has no field " + f + " a rule may read (call its accessor, " + f + "())");
        return Ty.REFUSED;
    }

    /**
     * A property as MVEL reads it ({@code code} for {@code getCode()}, {@code isCode()} or {@code code()}),
     * or null when {@code owner} has none; refused when the accessor is one rules may not call.
     */
    private Ty property(Ty owner, String p, Node at, boolean required) {
        if (owner.declared() != null) {
            String type = owner.declared().fields().get(p);
            if (type != null) {
                Ty t = SandboxCode.typeOf(names, (o, m) -> {}, type, -1, false);
                return t == null ? Ty.UNKNOWN : t.asValue();
            }
        } else if (owner.cls() != null && owner.is(Kind.VALUE)) {
            String cap = p.isEmpty() ? p : Character.toUpperCase(p.charAt(0)) + p.substring(1);
            List<Method> accessors = new ArrayList<>();
            for (String getter : List.of("get" + cap, "is" + cap, p)) {
                accessors.addAll(AllowList.methods(owner.cls(), getter, 0));
            }
            accessors.removeIf(m -> Modifier.isStatic(m.getModifiers()));
            if (!accessors.isEmpty()) {
                for (Method m : accessors) {
                    if (AllowList.deniedMethod(m.getName())) {
                        refuse(at, owner.describe() + "." + p + " calls " + m.getName() + "(), which reaches "
                                + AllowList.deniedReason(m.getName()));
                        return Ty.REFUSED;
                    }
                    if (!AllowList.isPlain(m.getReturnType()) && m.getReturnType() != void.class) {
                        refuse(at, owner.describe() + "." + p + " is of type " + m.getReturnType().getName()
                                + ", which rules may not use");
                        return Ty.REFUSED;
                    }
                }
                return returned(accessors);
            }
            try {
                Field field = owner.cls().getField(p);
                if (!Modifier.isStatic(field.getModifiers()) && AllowList.isPlain(field.getType())) {
                    return Ty.value(field.getType());
                }
            } catch (NoSuchFieldException e) {
                // none
            }
        }
        if (required) {
            refuse(at, owner.describe() + " has no property " + p + " a rule may read");
        }
        return null;
    }

    private Ty call(MethodCallExpr x) {
        x.getTypeArguments().ifPresent(args -> args.forEach(this::type));
        String m = x.getNameAsString();
        NodeList<Expression> args = x.getArguments();
        if (mode == Mode.EVAL) {
            refuse(x, "an eval may only compare bindings and literals; it may not call " + m + "(...)");
            args.forEach(this::value);
            return Ty.REFUSED;
        }
        if (x.getScope().isEmpty()) {
            return unqualified(x, m, args);
        }
        Ty scope = expr(x.getScope().get());
        switch (scope.kind()) {
            case REFUSED:
                args.forEach(this::value);
                return Ty.REFUSED;
            case EMIT:
                return helper(x, m, args);
            case PACKAGE:
                refuse(x, unknownName(scope.name()));
                args.forEach(this::value);
                return Ty.REFUSED;
            case TYPE:
                if (scope.cls() == null) {
                    refuse(x, "a declared type has no static methods");
                    args.forEach(this::value);
                    return Ty.REFUSED;
                }
                return invoke(x, scope, m, args, true);
            case VALUE:
                return invoke(x, scope, m, args, false);
            case CONTEXT:
                refuse(x, "kcontext and drools may only be passed, as they are, to a helper of cn.lantian.engine.Emit");
                args.forEach(this::value);
                return Ty.REFUSED;
            case UNKNOWN:
                if (OBJECT_METHODS.contains(m) && args.size() <= 1) {
                    args.forEach(this::value);
                    return m.equals("toString") ? Ty.STRING : m.equals("equals") ? Ty.BOOLEAN : Ty.value(int.class);
                }
                refuse(x, "the sandbox cannot tell the type of " + abbreviate(x.getScope().get().toString())
                        + ", so not which " + m + "(...) it would call; give the value a declared type");
                args.forEach(this::value);
                return Ty.REFUSED;
            default:
                refuse(x, "cannot call " + m + "(...) on " + scope.describe());
                args.forEach(this::value);
                return Ty.REFUSED;
        }
    }

    private Ty unqualified(MethodCallExpr x, String m, NodeList<Expression> args) {
        if (mode == Mode.CONSTRAINT && self != null && self.cls() != null
                && !AllowList.methods(self.cls(), m, args.size()).isEmpty()) {
            return invoke(x, self.asValue(), m, args, false);
        }
        SandboxNames.Function f = names.functions.get(m);
        if (f != null && f.parameterTypes().size() == args.size()) {
            functionsCalled.add(m);
            args.forEach(this::value);
            Ty r = SandboxCode.typeOf(names, (o, msg) -> {}, f.returnType(), -1, true);
            return r == null ? Ty.UNKNOWN : r.asValue();
        }
        if (names.helper(m).isPresent()) {
            return helper(x, m, args);
        }
        if (mode == Mode.CONSEQUENCE && MACROS.contains(m) && args.size() == 1) {
            value(args.get(0));
            return Ty.NONE;
        }
        refuse(x, m + "(...) is no function a rule may call here: rules may call the fact model's methods, the ref "
                + "tables, the helpers of cn.lantian.engine.Emit (import function), the package's own functions"
                + (mode == Mode.CONSEQUENCE ? " and insert/delete" : ""));
        args.forEach(this::value);
        return Ty.REFUSED;
    }

    /** A call of one of Emit's helpers: one that records an outcome takes the rule's kcontext first, as it is. */
    private Ty helper(MethodCallExpr x, String m, NodeList<Expression> args) {
        List<Method> candidates = AllowList.emitHelpers().getOrDefault(m, List.of()).stream()
                .filter(h -> h.isVarArgs() ? args.size() >= h.getParameterCount() - 1 : args.size() == h.getParameterCount())
                .toList();
        if (candidates.isEmpty()) {
            refuse(x, "cn.lantian.engine.Emit has no helper " + m + " taking " + args.size() + " arguments");
            args.forEach(this::value);
            return Ty.REFUSED;
        }
        boolean context = candidates.stream().anyMatch(h -> h.getParameterCount() > 0
                && h.getParameterTypes()[0] == org.kie.api.runtime.rule.RuleContext.class);
        for (int i = 0; i < args.size(); i++) {
            Expression a = args.get(i);
            if (i == 0 && context) {
                boolean asIs = a instanceof NameExpr n && (n.getNameAsString().equals("kcontext")
                        || n.getNameAsString().equals("drools")) && local(n.getNameAsString()) == null
                        && !vars.containsKey(n.getNameAsString());
                if (!asIs || mode != Mode.CONSEQUENCE) {
                    refuse(a, "Emit." + m + " takes the rule's own kcontext as its first argument, as it is");
                    if (!asIs) {
                        value(a);
                    }
                }
            } else {
                value(a);
            }
        }
        return returned(candidates);
    }

    /** A method of an allowed class: on the allow-list, called with values of allowed types, returning one. */
    private Ty invoke(MethodCallExpr x, Ty scope, String m, NodeList<Expression> args, boolean statics) {
        List<Ty> argTypes = args.stream().map(this::value).toList();
        if (scope.declared() != null) {
            return declaredMethod(x, scope.declared(), m, args.size());
        }
        Class<?> c = scope.cls();
        if (c.isPrimitive()) {
            refuse(x, "cannot call " + m + "(...) on a " + c.getName());
            return Ty.REFUSED;
        }
        if (!AllowList.isPlain(c)) {
            refuse(x, c.getName() + " is not a class rules may use");
            return Ty.REFUSED;
        }
        if (AllowList.deniedMethod(m)) {
            refuse(x, scope.describe() + "." + m + "(...) is not allowed in rules: it reaches "
                    + AllowList.deniedReason(m));
            return Ty.REFUSED;
        }
        List<Method> candidates = new ArrayList<>(AllowList.methods(c, m, args.size()));
        if (statics) {
            candidates.removeIf(k -> !Modifier.isStatic(k.getModifiers()));
        }
        if (candidates.isEmpty()) {
            refuse(x, scope.describe() + " has no " + (statics ? "static " : "") + "method " + m + " taking "
                    + args.size() + " argument" + (args.size() == 1 ? "" : "s"));
            return Ty.REFUSED;
        }
        List<Method> reachable = reachable(candidates, argTypes);
        if (reachable.isEmpty()) {
            refuse(x, scope.describe() + "." + m + "(...) takes values of types rules may not use");
            return Ty.REFUSED;
        }
        for (Method k : reachable) {
            if (k.getReturnType() != void.class && !AllowList.isPlain(k.getReturnType())) {
                refuse(x, scope.describe() + "." + m + "(...) returns " + k.getReturnType().getName()
                        + ", which rules may not use");
                return Ty.REFUSED;
            }
        }
        return returned(reachable);
    }

    /**
     * The overloads the compiler could pick: every value a rule holds is of an allowed type, so an overload
     * taking another type is out of its reach, unless a null argument lets the compiler pick it.
     */
    private static <E extends Executable> List<E> reachable(List<E> candidates, List<Ty> argTypes) {
        boolean nullArgument = argTypes.stream().anyMatch(t -> t.is(Kind.NULL));
        return nullArgument ? candidates : candidates.stream().filter(AllowList::plainParameters).toList();
    }

    private static Ty returned(List<Method> methods) {
        Class<?> r = methods.get(0).getReturnType();
        for (Method k : methods) {
            if (k.getReturnType() != r) {
                return Ty.REFUSED;
            }
        }
        return Ty.value(r);
    }

    private Ty declaredMethod(Node at, Declared d, String m, int arity) {
        if (arity == 0 && OBJECT_METHODS.contains(m) || arity == 1 && m.equals("equals")) {
            return m.equals("toString") ? Ty.STRING : m.equals("equals") ? Ty.BOOLEAN : Ty.value(int.class);
        }
        for (Map.Entry<String, String> f : d.fields().entrySet()) {
            String cap = Character.toUpperCase(f.getKey().charAt(0)) + f.getKey().substring(1);
            if (arity == 0 && (m.equals("get" + cap) || m.equals("is" + cap))) {
                Ty t = SandboxCode.typeOf(names, (o, msg) -> {}, f.getValue(), -1, false);
                return t == null ? Ty.UNKNOWN : t.asValue();
            }
            if (arity == 1 && m.equals("set" + cap)) {
                return Ty.NONE;
            }
        }
        refuse(at, d.name() + " has no method " + m + " taking " + arity + " arguments (a declared type has its "
                + "fields' getters and setters)");
        return Ty.REFUSED;
    }

    private Ty create(ObjectCreationExpr x) {
        if (x.getAnonymousClassBody().isPresent()) {
            refuse(x, "anonymous classes are not allowed in rules (their initialisers would run)");
            return Ty.REFUSED;
        }
        if (x.getScope().isPresent()) {
            refuse(x, "inner-class creation is not allowed in rules");
            return Ty.REFUSED;
        }
        if (mode == Mode.EVAL) {
            refuse(x, "an eval may only compare bindings and literals; it may not create objects");
        }
        List<Ty> argTypes = x.getArguments().stream().map(this::value).toList();
        Ty t = type(x.getType());
        if (t == null) {
            return Ty.REFUSED;
        }
        if (t.declared() != null) {
            int n = x.getArguments().size();
            if (n != 0 && n != t.declared().fields().size()) {
                refuse(x, t.declared().name() + " is built with no arguments or with one for each field");
            }
            return t.asValue();
        }
        Class<?> c = t.cls();
        if (c.isPrimitive() || c.isArray()) {
            refuse(x, "cannot create a " + c.getName());
            return Ty.REFUSED;
        }
        if (c == java.util.Date.class && x.getArguments().isEmpty()) {
            refuse(x, "new Date() reads the wall clock; the rules have one clock, the inspection's");
            return Ty.UNKNOWN;
        }
        List<Constructor<?>> reachable = reachable(AllowList.constructors(c, x.getArguments().size()), argTypes);
        if (reachable.isEmpty()) {
            refuse(x, t.describe() + " has no constructor a rule may call with " + x.getArguments().size() + " arguments");
            return Ty.REFUSED;
        }
        return t.asValue();
    }

    /** A type written in code, checked against the allow-list (type arguments too); null when refused. */
    private Ty type(Type t) {
        if (t instanceof PrimitiveType p) {
            return Ty.type(SandboxNames.primitive(p.asString()));
        } else if (t instanceof ArrayType a) {
            Ty component = type(a.getComponentType());
            if (component == null || component.cls() == null) {
                if (component != null) {
                    refuse(t, "arrays of declared types are not allowed in rules");
                }
                return null;
            }
            return Ty.type(component.cls().arrayType());
        } else if (t instanceof ClassOrInterfaceType c) {
            c.getTypeArguments().ifPresent(args -> args.forEach(this::type));
            String dotted = c.getNameWithScope();
            Ty resolved = names.typeNamed(dotted);
            if (resolved == null) {
                refuse(t, dotted.contains(".") ? unknownName(dotted) : dotted + " is not a type rules may use: "
                        + "rules may use the fact model (cn.lantian.fact), their declared types and plain value types "
                        + "(String, Math, boxed numbers, java.time, java.util collections)");
            }
            return resolved;
        } else if (t instanceof WildcardType w) {
            w.getExtendedType().ifPresent(this::type);
            w.getSuperType().ifPresent(this::type);
            return Ty.type(Object.class);
        } else if (t instanceof VarType) {
            refuse(t, "var is allowed only for a local variable with an initialiser");
            return null;
        }
        refuse(t, "the type " + abbreviate(t.toString()) + " is not allowed in rules");
        return null;
    }

    // ---- positions ----------------------------------------------------------------------------------

    private void refuse(Node at, String message) {
        sink.refuse(offsetOf(at.getBegin().orElse(null)), message);
    }

    private void unreadable(List<Problem> problems, String message) {
        Position p = problems.isEmpty() ? null : problems.get(0).getLocation()
                .flatMap(l -> l.getBegin().getRange()).map(r -> r.begin).orElse(null);
        String detail = problems.isEmpty() ? "" : problems.get(0).getMessage().lines().findFirst().orElse("");
        sink.refuse(offsetOf(p), message + (detail.isEmpty() ? "" : " (" + abbreviate(detail) + ")"));
    }

    /** The position's offset in the file: JavaParser counts lines and columns from 1 in the text it parsed. */
    private int offsetOf(Position p) {
        if (base < 0) {
            return -1;
        }
        if (p == null) {
            return base;
        }
        int offset = 0;
        for (int line = 1; line < p.line && offset >= 0; line++) {
            int nl = parsed.indexOf('\n', offset);
            offset = nl < 0 ? -1 : nl + 1;
        }
        if (offset < 0) {
            return base;
        }
        offset += p.column - 1;
        return base + Math.max(0, Math.min(offset - prefix, parsed.length() - prefix));
    }

    static String abbreviate(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }
}
