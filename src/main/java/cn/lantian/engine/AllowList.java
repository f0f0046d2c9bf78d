package cn.lantian.engine;

import jakarta.validation.ConstraintValidator;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What rule code may touch, and nothing else: the fact model ({@code cn.lantian.fact}), the helpers of
 * {@link Emit}, and the plain JDK value and collection types listed here. A class is on the list or it
 * is refused; there is no list of forbidden classes to get round.
 */
final class AllowList {
    static final String FACT_PACKAGE = "cn.lantian.fact";
    static final String EMIT = Emit.class.getName();

    /** The JDK types a rule may name, call and build: values, their arithmetic and collections of them. */
    private static final List<Class<?>> JDK = List.of(
            Object.class, String.class, CharSequence.class, StringBuilder.class, Math.class, StrictMath.class,
            Number.class, Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class,
            Boolean.class, Character.class, Comparable.class, Iterable.class,
            java.math.BigDecimal.class, java.math.BigInteger.class, java.math.RoundingMode.class,
            java.math.MathContext.class,
            java.time.Instant.class, java.time.Duration.class, java.time.Period.class, java.time.LocalDate.class,
            java.time.LocalTime.class, java.time.LocalDateTime.class, java.time.OffsetDateTime.class,
            java.time.OffsetTime.class, java.time.ZonedDateTime.class, java.time.ZoneId.class,
            java.time.ZoneOffset.class, java.time.DayOfWeek.class, java.time.Month.class, java.time.Year.class,
            java.time.YearMonth.class, java.time.MonthDay.class, java.time.format.DateTimeFormatter.class,
            java.time.temporal.ChronoUnit.class, java.time.temporal.ChronoField.class,
            java.time.temporal.Temporal.class, java.time.temporal.TemporalAccessor.class,
            java.time.temporal.TemporalAmount.class, java.time.temporal.TemporalUnit.class,
            java.time.temporal.TemporalField.class, java.time.temporal.TemporalAdjuster.class,
            java.time.chrono.ChronoLocalDate.class, java.time.chrono.ChronoLocalDateTime.class,
            java.time.chrono.ChronoZonedDateTime.class,
            java.util.Collection.class, java.util.List.class, java.util.ArrayList.class, java.util.LinkedList.class,
            java.util.Set.class, java.util.HashSet.class, java.util.LinkedHashSet.class, java.util.TreeSet.class,
            java.util.SortedSet.class, java.util.NavigableSet.class, java.util.Map.class, java.util.HashMap.class,
            java.util.LinkedHashMap.class, java.util.TreeMap.class, java.util.SortedMap.class,
            java.util.NavigableMap.class, java.util.Map.Entry.class, java.util.Collections.class,
            java.util.Arrays.class, java.util.Objects.class, java.util.Optional.class, java.util.OptionalInt.class,
            java.util.OptionalLong.class, java.util.OptionalDouble.class, java.util.Iterator.class,
            java.util.ListIterator.class, java.util.Deque.class, java.util.ArrayDeque.class, java.util.Queue.class,
            java.util.StringJoiner.class, java.util.Comparator.class, java.util.Date.class);

    private static final Map<String, Class<?>> JDK_BY_NAME = JDK.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getCanonicalName, c -> c));

    /** The members of java.lang on the list, which Java and MVEL both know by their simple name. */
    private static final Map<String, Class<?>> JAVA_LANG = JDK.stream()
            .filter(c -> c.getPackageName().equals("java.lang"))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, c -> c));

    /**
     * Members of listed classes that still reach past the values, with the reason each is refused:
     * reflection, threads and blocking, system properties, and the wall clock (one clock serves every
     * decision: the inspection's).
     */
    private static final Map<String, String> DENIED_METHODS = Map.ofEntries(
            Map.entry("getClass", "reflection"), Map.entry("getDeclaringClass", "reflection"),
            Map.entry("wait", "threads"), Map.entry("notify", "threads"), Map.entry("notifyAll", "threads"),
            Map.entry("parallelStream", "threads"), Map.entry("finalize", "the garbage collector"),
            Map.entry("getInteger", "system properties"), Map.entry("getLong", "system properties"),
            Map.entry("getBoolean", "system properties"),
            Map.entry("now", "the wall clock (the rules have one clock, the inspection's)"),
            Map.entry("systemDefault", "the machine's time zone (the rules' zone is calendar.timeZone)"));

    private AllowList() {}

    static boolean isFact(Class<?> c) {
        return c.getPackageName().equals(FACT_PACKAGE) && Modifier.isPublic(c.getModifiers()) && !c.isAnnotation()
                && !ConstraintValidator.class.isAssignableFrom(c);
    }

    static boolean isJdk(Class<?> c) {
        String name = c.getCanonicalName();
        return name != null && JDK_BY_NAME.get(name) == c;
    }

    /** A type a rule may hold a value of: a primitive, a listed JDK type, a fact, or an array of these. */
    static boolean isPlain(Class<?> c) {
        if (c.isArray()) {
            return isPlain(c.getComponentType());
        }
        return c.isPrimitive() || isJdk(c) || isFact(c);
    }

    static Class<?> javaLang(String simpleName) {
        return JAVA_LANG.get(simpleName);
    }

    /** The listed class of that canonical name ("java.util.List", "cn.lantian.fact.SiteBlock.Enclosure"), if any. */
    static Optional<Class<?>> byName(String canonical) {
        Class<?> jdk = JDK_BY_NAME.get(canonical);
        if (jdk != null) {
            return Optional.of(jdk);
        }
        if (!canonical.startsWith(FACT_PACKAGE + ".")) {
            return Optional.empty();
        }
        String binary = canonical;
        while (true) {
            try {
                Class<?> c = Class.forName(binary, false, AllowList.class.getClassLoader());
                return isFact(c) && c.getCanonicalName().equals(canonical) ? Optional.of(c) : Optional.empty();
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = binary.lastIndexOf('.');
                if (dot <= FACT_PACKAGE.length()) {
                    return Optional.empty();
                }
                binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
            }
        }
    }

    /** A public member class of {@code outer} by its simple name, if it is on the list too (SiteBlock.Enclosure, Map.Entry). */
    static Optional<Class<?>> member(Class<?> outer, String name) {
        return Arrays.stream(outer.getClasses()).filter(c -> c.getSimpleName().equals(name) && (isFact(c) || isJdk(c)))
                .findFirst().map(c -> c);
    }

    static boolean deniedMethod(String name) {
        return DENIED_METHODS.containsKey(name);
    }

    /** What a denied method reaches ("reflection", "the wall clock …"). */
    static String deniedReason(String name) {
        return DENIED_METHODS.get(name);
    }

    /** The public methods of {@code c} of that name callable with {@code arity} arguments (bridges left out). */
    static List<Method> methods(Class<?> c, String name, int arity) {
        List<Method> found = new ArrayList<>();
        List<Method> all = new ArrayList<>(Arrays.asList(c.getMethods()));
        if (c.isInterface()) {
            all.addAll(Arrays.asList(Object.class.getMethods()));
        }
        for (Method m : all) {
            if (m.getName().equals(name) && !m.isBridge() && !m.isSynthetic() && accepts(m, arity)) {
                found.add(m);
            }
        }
        return found;
    }

    static List<Constructor<?>> constructors(Class<?> c, int arity) {
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return List.of();
        }
        return Arrays.stream(c.getConstructors()).filter(k -> accepts(k, arity)).collect(Collectors.toList());
    }

    private static boolean accepts(Executable e, int arity) {
        int n = e.getParameterCount();
        return e.isVarArgs() ? arity >= n - 1 : arity == n;
    }

    /** Whether every parameter of {@code e} is of a type a rule may hold (a null argument may still pick another). */
    static boolean plainParameters(Executable e) {
        return Arrays.stream(e.getParameterTypes()).allMatch(AllowList::isPlain);
    }

    private static final Map<String, List<Method>> EMIT_HELPERS = helpersOf(Emit.class);

    /** The public static methods of Emit by name: the helpers a consequence records its outcome with. */
    static Map<String, List<Method>> emitHelpers() {
        return EMIT_HELPERS;
    }

    private static Map<String, List<Method>> helpersOf(Class<?> c) {
        Map<String, List<Method>> helpers = new LinkedHashMap<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == c) {
                helpers.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
        }
        helpers.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(helpers);
    }
}
