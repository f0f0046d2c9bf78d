package cn.lantian.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.validator.engine.HibernateConstraintViolation;

/**
 * Reads a JSON request body into its record and checks its constraints, naming every bad field by its
 * JSON path ("site.stockpiles.covered") in plain words, never a library's. Strict on purpose: an unknown
 * field is usually a typo that would otherwise pass as "not inspected"; a field given twice, a number
 * where a time is due, a time without its offset, a number beyond the range of numbers (1e309) are all
 * refused. The work is linear in the body's size: nesting, numbers and names are bounded while parsing.
 */
public final class RequestReader {
    /** No request nests deeper than a few levels (history.rectifications[0].items[0]). */
    public static final int MAX_DEPTH = 16;
    public static final int MAX_NUMBER_DIGITS = 100;
    public static final int MAX_NAME_LENGTH = 256;
    /** Above the HTTP body limit: a long text is refused by its field's own limit, naming the field. */
    public static final int MAX_TEXT_LENGTH = 8_000_000;
    private static final int ECHO = 40;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxStringLength(MAX_TEXT_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper STRICT = JsonMapper.builder(FACTORY)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("strict scalars")
                    .addDeserializer(Double.class, new FiniteDouble())
                    .addDeserializer(OffsetDateTime.class, new StrictTime())
                    .addDeserializer(LocalDate.class, new StrictDate()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // The inspection's own UTC offset carries its local time (night work), so keep it.
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A number or true is no text, and a text or a number no true/false: Jackson would convert them.
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private final Validator validator;

    public RequestReader(Validator validator) {
        this.validator = validator;
    }

    /** The body as a {@code type}, or an {@link InvalidRequestException} naming the first field refused. */
    public <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw invalid("$", Text.of("lantian.request.bodyRequired"));
        }
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw invalid("$", Text.of("lantian.request.bodyObject"));
        }
        return convert(tree, type);
    }

    /** A body that is a JSON list (a device's batch of readings), read as strictly as an object: {@code ReadingIn[].class}. */
    public <T> T parseList(String body, Class<T> arrayType) {
        if (body == null || body.isBlank()) {
            throw invalid("$", Text.of("lantian.request.bodyRequired"));
        }
        JsonNode tree = tree(body);
        if (!tree.isArray()) {
            throw invalid("$", Text.of("lantian.request.bodyList"));
        }
        return convert(tree, arrayType);
    }

    private <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(path(e), Text.of("lantian.request.unknownField", "known",
                    e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (InvalidFormatException e) {
            String at = path(e);
            String original = String.valueOf(e.getOriginalMessage());
            if (original.startsWith("Cannot deserialize Map key")) {
                at = at + "." + echoName(String.valueOf(e.getValue())); // a map's key is a field of its own
            }
            if (original.startsWith("Cannot coerce")) {
                throw invalid(at, Text.of("lantian.request.expected", "expected", describe(e.getTargetType())));
            }
            throw invalid(at, formatMessage(e));
        } catch (MismatchedInputException e) {
            throw invalid(path(e), Text.of("lantian.request.expected", "expected", describe(e.getTargetType())));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw invalid(path(e), outOfRange(e, tree, type));
            }
            throw invalid(path(e), Text.of("lantian.request.expected", "expected", describe(null)));
        } catch (InputCoercionException e) {
            throw invalid("$", Text.of("lantian.request.numberTooLarge"));
        } catch (JsonProcessingException e) {
            throw invalid("$", Text.of("lantian.request.expected", "expected", describe(null)));
        }
    }

    /** The body's syntax tree, or the line, column and path where it stops being JSON. */
    private static JsonNode tree(String body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            try {
                JsonNode tree = STRICT.readTree(parser);
                if (tree == null || tree.isMissingNode()) {
                    throw invalid("$", Text.of("lantian.request.bodyRequired"));
                }
                if (parser.nextToken() != null) {
                    throw syntax(parser.currentLocation(), Text.of("lantian.json.trailing"), "$");
                }
                return tree;
            } catch (StreamConstraintsException e) {
                throw syntax(parser.currentLocation(), constraint(e), contextPath(parser.getParsingContext()));
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() == null ? parser.currentLocation() : e.getLocation();
                throw syntax(at, reason(e), contextPath(parser.getParsingContext()));
            }
        } catch (IOException e) {
            throw invalid("$", Text.of("lantian.json.malformed"));
        }
    }

    private static InvalidRequestException syntax(JsonLocation at, Text reason, String field) {
        return invalid(field, Text.of("lantian.request.json", "line", at.getLineNr(), "column", at.getColumnNr(),
                "reason", reason));
    }

    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.)' \\(code");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']{0,200})");

    /** Why the parser stopped, in plain words (Jackson's own words name its features and classes). */
    private static Text reason(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Trailing token")) {
            return Text.of("lantian.json.trailing");
        }
        if (m.startsWith("Duplicate field '")) {
            return Text.of("lantian.json.duplicate", "name", echo(m.substring(17, Math.max(17, m.lastIndexOf('\'')))));
        }
        if (m.contains("'NaN'") || m.contains("Infinity'") || m.contains("'INF'")) {
            return Text.of("lantian.json.nonNumeric");
        }
        if (m.contains("end-of-input")) {
            return Text.of("lantian.json.unexpectedEnd");
        }
        Matcher c = CHARACTER.matcher(m);
        if (c.find()) {
            return Text.of("lantian.json.unexpectedCharacter", "character", "'" + c.group(1) + "'");
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            return Text.of("lantian.json.unquoted", "word", echo(t.group(1)));
        }
        if (m.contains("numeric value") || m.contains("Leading zeroes") || m.contains("Numeric value")) {
            return Text.of("lantian.json.badNumber");
        }
        if (m.contains("CTRL-CHAR") || m.contains("control character") || m.contains("escape")) {
            return Text.of("lantian.json.badText");
        }
        return Text.of("lantian.json.malformed");
    }

    private static Text constraint(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("Number value length") || m.contains("Number length")) {
            return Text.of("lantian.json.numberTooLong", "max", MAX_NUMBER_DIGITS);
        }
        if (m.contains("Name length") || m.contains("name length")) {
            return Text.of("lantian.json.nameTooLong", "max", MAX_NAME_LENGTH);
        }
        if (m.contains("String value length") || m.contains("String length")) {
            return Text.of("lantian.json.textTooLong", "max", MAX_TEXT_LENGTH);
        }
        return Text.of("lantian.json.tooDeep", "max", MAX_DEPTH);
    }

    /** Every constraint the record breaks, by JSON path. */
    public <T> List<FieldError> violations(T value) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(value)) {
            String field = jsonPath(v.getPropertyPath());
            String template = v.getMessageTemplate();
            if (!Messages.has(template)) {
                errors.add(new FieldError(field, v.getMessage()));
                continue;
            }
            Map<String, Object> args = new LinkedHashMap<>(v.getConstraintDescriptor().getAttributes());
            Object payload = v.unwrap(HibernateConstraintViolation.class).getDynamicPayload(Map.class);
            if (payload instanceof Map<?, ?> given) {
                given.forEach((k, val) -> args.put(String.valueOf(k), val));
            }
            errors.add(FieldError.of(field, new Text(template, args)));
        }
        return errors;
    }

    static InvalidRequestException invalid(String field, Text message) {
        return new InvalidRequestException(Text.of("lantian.title.request"), List.of(FieldError.of(field, message)));
    }

    private static Text formatMessage(InvalidFormatException e) {
        Class<?> type = e.getTargetType();
        if (type != null && type.isEnum()) {
            return Text.of("lantian.request.unknownValue", "value", echo(e.getValue()), "allowed",
                    Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (e.getValue() instanceof Double d && !Double.isFinite(d)) {
            return Text.of("lantian.request.notFinite");
        }
        return Text.of("lantian.request.notA", "value", echo(e.getValue()), "expected", describe(type));
    }

    /** A whole number past what its field holds (2^31 for a count): the field's own bound when it has one. */
    private static Text outOfRange(JsonMappingException e, JsonNode tree, Class<?> root) {
        String value = echo(valueAt(tree, e.getPath()));
        AnnotatedElement target = target(root, e.getPath());
        if (target != null) {
            Max max = target.getAnnotation(Max.class);
            if (max != null) {
                return Text.of("lantian.request.outOfRange", "value", value, "bound",
                        new Text("{jakarta.validation.constraints.Max.message}", Map.of("value", max.value())));
            }
            DecimalMax dmax = target.getAnnotation(DecimalMax.class);
            if (dmax != null) {
                return Text.of("lantian.request.outOfRange", "value", value, "bound",
                        new Text("{jakarta.validation.constraints.DecimalMax.message}", Map.of("value", dmax.value())));
            }
        }
        return Text.of("lantian.request.tooLarge", "value", value);
    }

    /** The record component the path ends at, followed from the request's own type through lists and maps. */
    private static AnnotatedElement target(Class<?> root, List<JsonMappingException.Reference> refs) {
        Type at = root;
        RecordComponent component = null;
        for (JsonMappingException.Reference ref : refs) {
            Class<?> raw = raw(at);
            if (raw == null) {
                return null;
            }
            if (ref.getFieldName() != null && raw.isRecord()) {
                component = null;
                for (RecordComponent rc : raw.getRecordComponents()) {
                    if (rc.getName().equals(ref.getFieldName())) {
                        component = rc;
                    }
                }
                if (component == null) {
                    return null;
                }
                at = component.getGenericType();
            } else if (at instanceof ParameterizedType pt && (List.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw))) {
                Type[] args = pt.getActualTypeArguments();
                at = args[args.length - 1];
                component = null;
            } else {
                return null;
            }
        }
        return component;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static String valueAt(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : refs) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node.isMissingNode() ? "the number" : node.asText();
    }

    /** A client's value as a message quotes it: never more than a few dozen characters. */
    private static String echo(Object value) {
        String s = String.valueOf(value);
        return s.length() <= ECHO ? s : s.substring(0, ECHO) + "…";
    }

    private static Text describe(Class<?> type) {
        if (type == null) {
            return Text.of("lantian.type.value");
        }
        if (type.isEnum()) {
            return Text.of("lantian.type.oneOf", "values",
                    Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Text.of("lantian.type.wholeNumber");
        }
        if (type == Double.class || type == double.class) {
            return Text.of("lantian.type.number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Text.of("lantian.type.boolean");
        }
        if (type == String.class) {
            return Text.of("lantian.type.string");
        }
        if (type == OffsetDateTime.class) {
            return Text.of("lantian.type.time");
        }
        if (type == LocalDate.class) {
            return Text.of("lantian.type.date");
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return Text.of("lantian.type.list");
        }
        return Text.of("lantian.type.object");
    }

    /** The JSON path of the field Jackson stopped at: "site.activities[1]". */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(echoName(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    /** The JSON path where the parser stood: "site.enclosure.perimeterM", "$" at the top. */
    private static String contextPath(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                if (c.getCurrentName() != null) {
                    steps.push("." + echoName(c.getCurrentName()));
                }
            } else if (c.inArray()) {
                steps.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        if (steps.isEmpty()) {
            return "$";
        }
        String path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String echoName(String name) {
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH) + "…";
    }

    /** The JSON path of a Bean Validation property path, with list elements as [i] and map values as .key. */
    private static String jsonPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            boolean element = node.getName() == null || node.getKind() == ElementKind.CONTAINER_ELEMENT;
            if (node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                sb.append('.').append(node.getKey());
            }
            if (element) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.toString();
    }

    /** A number, never Infinity: 1e309 overflows a double, and Infinity would compare past every threshold. */
    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        FiniteDouble() {
            super(Double.class, null);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                return (Double) ctxt.handleWeirdNumberValue(Double.class, value, "not a finite number");
            }
            return value;
        }
    }

    /** A time is an ISO-8601 text with its offset, never a number (which Jackson would read as epoch seconds). */
    private static final class StrictTime extends StdScalarDeserializer<OffsetDateTime> {
        StrictTime() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            String text = p.getText().trim();
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text, "not an ISO-8601 time");
            }
        }
    }

    /** A date is an ISO-8601 text, never a number or an array. */
    private static final class StrictDate extends StdScalarDeserializer<LocalDate> {
        StrictDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText().trim();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not an ISO-8601 date");
            }
        }
    }
}
