package cn.lantian.engine;

import cn.lantian.fact.Coded;
import cn.lantian.fact.ForKinds;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.Reference;
import cn.lantian.fact.SubjectKind;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The inspection record's schema (contract section 1, the request of evaluations and self-checks) read
 * from its Java records: which objects and blocks it has, their fields, each field's type and limits.
 * Pages build their forms from it, with the labels of {@code labels.csv} ({@code FIELD} rows, by JSON path),
 * so that they declare nothing of the record themselves.
 *
 * <p>Types: {@code text}, {@code number} ({@code integer} for whole numbers), {@code bool}, {@code time}
 * (ISO-8601 with an offset), {@code date}, {@code choice} (one code of a label {@code kind}), {@code choices}
 * (a list of such codes), {@code texts} (a list of text), {@code object} (fields given one by one),
 * {@code block} (a nested object whose fields are all required: sent whole or not at all, an absent block
 * being "not inspected"), {@code list} (a list of objects; its fields' paths read {@code path[].name}) and
 * {@code map} (objects by a code of {@code kind}; its fields' paths read {@code path.*.name}).
 */
public final class RecordSchema {
    private RecordSchema() {}

    /**
     * One field. Built from the records alone, then {@link #describe described} with the labels, units, codes
     * and recording items of a ruleset (null where a field has none).
     *
     * @param forKinds the subject kinds that have the field (null: every kind)
     * @param items    the item codes whose rules record the field ({@code @record}), itself or a part of it
     */
    public record Field(String name, String path, String type, boolean required, Boolean integer, BigDecimal min,
                        BigDecimal max, Integer maxLength, String kind, List<String> values, List<SubjectKind> forKinds,
                        String label, String unit, List<String> items, List<Field> fields) {

        Field described(List<Field> children, String label, String unit, List<String> values, List<String> items) {
            return new Field(name, path, type, required, integer, min, max, maxLength, kind, values, forKinds, label, unit,
                    items, children);
        }
    }

    private static final List<Field> SHAPE = fields(Inspection.class, "");

    /** The record's fields, as its records declare them. */
    public static List<Field> shape() {
        return SHAPE;
    }

    /** The field at a JSON path, if the record has one. */
    public static java.util.Optional<Field> field(String path) {
        List<Field> found = new ArrayList<>();
        walk(SHAPE, f -> {
            if (f.path().equals(path)) {
                found.add(f);
            }
        });
        return found.stream().findFirst();
    }

    /** Every field's JSON path, parents before their fields: what the labels table must name. */
    public static List<String> paths() {
        List<String> out = new ArrayList<>();
        walk(SHAPE, f -> out.add(f.path()));
        return out;
    }

    /**
     * The schema with the ruleset's words: each field's label and unit ({@code FIELD} rows), the codes a choice
     * offers, each with its label under {@code kind} (the enum's constants; the standards, jurisdictions the tables
     * define), and the items whose rules record it.
     */
    public static List<Field> describe(Ruleset ruleset, Reference ref) {
        return describe(SHAPE, ruleset.itemFields(), ref);
    }

    private static List<Field> describe(List<Field> fields, Map<String, List<String>> itemFields, Reference ref) {
        return fields.stream().map(f -> f.described(f.fields() == null ? null : describe(f.fields(), itemFields, ref),
                labelOf(ref, f.path()), ref.unitOf(f.path()), f.values() != null ? f.values() : codes(ref, f.kind()),
                recordedBy(itemFields, f.path()))).toList();
    }

    private static String labelOf(Reference ref, String path) {
        String label = ref.label(LabelKinds.FIELD, path);
        return label.equals(path) ? null : label;
    }

    /** The codes the tables define for a kind that names no enum. */
    private static List<String> codes(Reference ref, String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case LabelKinds.STANDARD -> ref.standards();
            case LabelKinds.JURISDICTION -> ref.jurisdictions().stream().map(j -> j.jurisdiction()).toList();
            default -> null;
        };
    }

    private static List<String> recordedBy(Map<String, List<String>> itemFields, String path) {
        String plain = path.replace("[]", "");
        List<String> codes = new ArrayList<>();
        itemFields.forEach((code, fields) -> {
            for (String f : fields) {
                if (f.equals(plain) || f.startsWith(plain + ".") || plain.startsWith(f + ".")) {
                    codes.add(code);
                    return;
                }
            }
        });
        return codes.isEmpty() ? null : List.copyOf(codes);
    }

    private static void walk(List<Field> fields, java.util.function.Consumer<Field> visit) {
        for (Field f : fields) {
            visit.accept(f);
            if (f.fields() != null) {
                walk(f.fields(), visit);
            }
        }
    }

    private static List<Field> fields(Class<?> record, String prefix) {
        List<Field> out = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            out.add(field(record, c, prefix + c.getName()));
        }
        return List.copyOf(out);
    }

    private static Field field(Class<?> record, RecordComponent c, String path) {
        java.lang.reflect.Field f;
        try {
            f = record.getDeclaredField(c.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        boolean required = f.isAnnotationPresent(NotNull.class) || f.isAnnotationPresent(NotBlank.class)
                || f.isAnnotationPresent(NotEmpty.class);
        ForKinds forKinds = c.getAnnotation(ForKinds.class);
        List<SubjectKind> kinds = forKinds == null ? null : List.of(forKinds.value());
        Coded coded = c.getAnnotation(Coded.class);
        Size size = f.getAnnotation(Size.class);
        Integer maxLength = size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
        Class<?> type = c.getType();
        String name = c.getName();
        if (type == String.class) {
            return coded == null
                    ? new Field(name, path, "text", required, null, null, null, maxLength, null, null, kinds, null, null, null, null)
                    : new Field(name, path, "choice", required, null, null, null, null, coded.value(), null, kinds, null, null, null, null);
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            boolean whole = type == Integer.class || type == Long.class || type == int.class || type == long.class;
            return new Field(name, path, "number", required, whole, min(f), max(f), null, null, null, kinds, null, null, null, null);
        }
        if (type == Boolean.class || type == boolean.class) {
            return new Field(name, path, "bool", required, null, null, null, null, null, null, kinds, null, null, null, null);
        }
        if (type == OffsetDateTime.class || type == LocalDate.class) {
            return new Field(name, path, type == LocalDate.class ? "date" : "time", required, null, null, null, null, null,
                    null, kinds, null, null, null, null);
        }
        if (type.isEnum()) {
            return new Field(name, path, "choice", required, null, null, null, null, LabelKinds.kindOf(type).orElse(null),
                    constants(type), kinds, null, null, null, null);
        }
        if (type.isRecord()) {
            List<Field> children = fields(type, path + ".");
            boolean whole = children.stream().allMatch(Field::required);
            return new Field(name, path, whole ? "block" : "object", required, null, null, null, null, null, null, kinds,
                    null, null, null, children);
        }
        if (Collection.class.isAssignableFrom(type)) {
            Class<?> element = argument(c.getGenericType(), 0);
            Integer maxItems = size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
            if (element.isEnum()) {
                return new Field(name, path, "choices", required, null, null, null, maxItems,
                        LabelKinds.kindOf(element).orElse(null), constants(element), kinds, null, null, null, null);
            }
            if (element.isRecord()) {
                return new Field(name, path, "list", required, null, null, null, maxItems, null, null, kinds, null, null, null,
                        fields(element, path + "[]."));
            }
            return coded == null
                    ? new Field(name, path, "texts", required, null, null, null, maxItems, null, null, kinds, null, null, null, null)
                    : new Field(name, path, "choices", required, null, null, null, maxItems, coded.value(), null, kinds, null,
                            null, null, null);
        }
        if (Map.class.isAssignableFrom(type)) {
            Class<?> key = argument(c.getGenericType(), 0);
            Class<?> value = argument(c.getGenericType(), 1);
            if (key.isEnum() && value.isRecord()) {
                return new Field(name, path, "map", required, null, null, null, null, LabelKinds.kindOf(key).orElse(null),
                        constants(key), kinds, null, null, null, fields(value, path + ".*."));
            }
            if (key == String.class && Number.class.isAssignableFrom(value)) {
                // counts by code, such as earlier violations by legal basis
                Integer maxItems = size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
                return new Field(name, path, "counts", required, true, null, null, maxItems,
                        coded == null ? null : coded.value(), null, kinds, null, null, null, null);
            }
        }
        throw new IllegalStateException("the record's field " + path + " is of a type the schema cannot describe: " + type);
    }

    private static List<String> constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
    }

    private static Class<?> argument(Type generic, int i) {
        if (generic instanceof ParameterizedType p) {
            Type t = p.getActualTypeArguments()[i];
            if (t instanceof Class<?> cls) {
                return cls;
            }
            if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
                return raw;
            }
        }
        return Object.class;
    }

    private static BigDecimal min(java.lang.reflect.Field f) {
        if (f.isAnnotationPresent(PositiveOrZero.class)) {
            return BigDecimal.ZERO;
        }
        Min min = f.getAnnotation(Min.class);
        if (min != null) {
            return BigDecimal.valueOf(min.value());
        }
        DecimalMin dmin = f.getAnnotation(DecimalMin.class);
        return dmin == null ? null : new BigDecimal(dmin.value());
    }

    private static BigDecimal max(java.lang.reflect.Field f) {
        Max max = f.getAnnotation(Max.class);
        if (max != null) {
            return BigDecimal.valueOf(max.value());
        }
        DecimalMax dmax = f.getAnnotation(DecimalMax.class);
        return dmax == null ? null : new BigDecimal(dmax.value());
    }
}
