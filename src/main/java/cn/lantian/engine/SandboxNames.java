package cn.lantian.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names a package of rule files can use, as the compiler will resolve them: the package's imports
 * (Drools gives every file of a package the imports of all its files), its functions, declared types and
 * globals. A simple name is looked up the way Java looks it up, so that a name the sandbox takes for an
 * allowed class is the class the compiler will use.
 */
final class SandboxNames {

    /** What the sandbox knows of an expression: a value of some type, a type itself, or something narrower. */
    record Ty(Kind kind, Class<?> cls, Declared declared, String name) {
        enum Kind {
            /** a value of {@code cls} or of the declared type */
            VALUE,
            /** a type named for a static member or a constructor */
            TYPE,
            /** the start of a qualified name ("java", "java.util") */
            PACKAGE,
            /** the class of the rules' helpers, {@link Emit} */
            EMIT,
            /** {@code kcontext} or {@code drools}: only ever an argument of an Emit helper */
            CONTEXT,
            /** a value of a plain type the sandbox cannot tell exactly (only toString, equals, hashCode on it) */
            UNKNOWN,
            NULL,
            /** nothing: void, or what Drools' insert returns */
            NONE,
            /** what came of code already refused: nothing more is said of it */
            REFUSED
        }

        static final Ty UNKNOWN = new Ty(Kind.UNKNOWN, null, null, null);
        static final Ty NULL = new Ty(Kind.NULL, null, null, null);
        static final Ty NONE = new Ty(Kind.NONE, null, null, null);
        static final Ty REFUSED = new Ty(Kind.REFUSED, null, null, null);
        static final Ty CONTEXT = new Ty(Kind.CONTEXT, null, null, null);
        static final Ty EMIT = new Ty(Kind.EMIT, Emit.class, null, AllowList.EMIT);
        static final Ty STRING = value(String.class);
        static final Ty BOOLEAN = value(boolean.class);

        static Ty value(Class<?> c) {
            return c == void.class ? NONE : new Ty(Kind.VALUE, c, null, c.getName());
        }

        static Ty type(Class<?> c) {
            return new Ty(Kind.TYPE, c, null, c.getCanonicalName());
        }

        static Ty value(Declared d) {
            return new Ty(Kind.VALUE, null, d, d.name());
        }

        static Ty type(Declared d) {
            return new Ty(Kind.TYPE, null, d, d.name());
        }

        static Ty packagePrefix(String dotted) {
            return new Ty(Kind.PACKAGE, null, null, dotted);
        }

        Ty asValue() {
            return kind == Kind.TYPE ? new Ty(Kind.VALUE, cls, declared, name) : this;
        }

        boolean is(Kind k) {
            return kind == k;
        }

        String describe() {
            return switch (kind) {
                case VALUE, TYPE -> declared != null ? declared.name() : cls.isArray() ? cls.getComponentType().getSimpleName()
                        + "[]" : cls.getName().startsWith("java.lang.") || cls.isPrimitive() ? cls.getSimpleName()
                        : AllowList.isFact(cls) ? cls.getCanonicalName().substring(AllowList.FACT_PACKAGE.length() + 1)
                        : cls.getCanonicalName();
                case PACKAGE, EMIT -> name;
                case CONTEXT -> "kcontext";
                case UNKNOWN -> "a value of unknown type";
                case NULL -> "null";
                case NONE -> "nothing (void)";
                case REFUSED -> "refused code";
            };
        }
    }

    /** A type declared in the rules ({@code declare Name field : Type ... end}): getters, setters, nothing else. */
    record Declared(String name, Map<String, String> fields) {}

    /** A DRL function of the package: what it returns and how many arguments it takes. */
    record Function(String name, String returnType, List<String> parameterTypes) {}

    final String pkg;
    private final Map<String, List<Class<?>>> singleImports = new HashMap<>();
    private boolean factWildcard;
    private final Map<String, List<Method>> helpers = new LinkedHashMap<>();
    final Map<String, Function> functions = new LinkedHashMap<>();
    final Map<String, Declared> declared = new LinkedHashMap<>();
    final Map<String, Ty> globals = new LinkedHashMap<>();
    /** Class look-ups of this check (most names are looked up many times; none is kept beyond the check). */
    private final Map<String, Optional<Class<?>>> classes = new HashMap<>();
    private final Map<String, Boolean> shadows = new HashMap<>();

    SandboxNames(String pkg) {
        this.pkg = pkg;
    }

    void importClass(Class<?> c) {
        List<Class<?>> same = singleImports.computeIfAbsent(c.getSimpleName(), k -> new ArrayList<>());
        if (!same.contains(c)) {
            same.add(c);
        }
    }

    void importFacts() {
        factWildcard = true;
    }

    /** {@code import function cn.lantian.engine.Emit.name} (or {@code .*} when {@code name} is null). */
    void importHelper(String name) {
        AllowList.emitHelpers().forEach((n, ms) -> {
            if (name == null || name.equals(n)) {
                helpers.put(n, ms);
            }
        });
    }

    Optional<List<Method>> helper(String name) {
        return Optional.ofNullable(helpers.get(name));
    }

    /** The type a simple name stands for here, or null when it names nothing a rule may use. */
    Ty simpleType(String n) {
        Declared d = declared.get(n);
        if (d != null) {
            return Ty.type(d);
        }
        List<Class<?>> single = singleImports.get(n);
        if (single != null) {
            return single.size() == 1 ? Ty.type(single.get(0)) : null;
        }
        Class<?> fact = factWildcard ? listed(AllowList.FACT_PACKAGE + "." + n).orElse(null) : null;
        Class<?> lang = AllowList.javaLang(n);
        if (fact != null && lang != null) {
            return null; // two on-demand imports offer the name: the compiler refuses it too
        }
        Class<?> c = fact != null ? fact : lang;
        if (c == null || shadowed(n)) {
            return null;
        }
        return Ty.type(c);
    }

    /**
     * Whether a class of the rules' own package would take the name before an on-demand import does:
     * Drools compiles the rules into classes of that package (one per function, named after it).
     */
    private boolean shadowed(String n) {
        for (String f : functions.keySet()) {
            if (n.equals(Character.toUpperCase(f.charAt(0)) + f.substring(1))) {
                return true;
            }
        }
        return shadows.computeIfAbsent(n, k -> {
            try {
                Class.forName(pkg + "." + k, false, SandboxNames.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    /** The listed class of that canonical name, looked up once per check. */
    Optional<Class<?>> listed(String canonical) {
        return classes.computeIfAbsent(canonical, AllowList::byName);
    }

    /** The type a dotted name ("SiteBlock.Enclosure", "java.util.List", "Set") stands for, or null. */
    Ty typeNamed(String dotted) {
        String[] parts = dotted.split("\\.");
        Ty t = simpleType(parts[0]);
        if (t != null) {
            for (int i = 1; i < parts.length && t != null; i++) {
                t = t.cls() == null ? null : AllowList.member(t.cls(), parts[i]).map(Ty::type).orElse(null);
            }
            return t;
        }
        return listed(dotted).map(Ty::type).orElse(null);
    }

    static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

    /** A primitive by its name, or null. */
    static Class<?> primitive(String name) {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            case "short" -> short.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            default -> null;
        };
    }
}
