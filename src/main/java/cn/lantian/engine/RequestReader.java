package cn.lantian.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body into its record and checks its constraints, naming every bad field by its
 * JSON path ("site.stockpiles.covered"). Strict on purpose: an unknown field is usually a typo that
 * would otherwise pass as "not inspected".
 */
public final class RequestReader {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // The inspection's own UTC offset carries its local time (night work), so keep it.
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static final String TITLE = "The request is invalid";

    private final Validator validator;

    public RequestReader(Validator validator) {
        this.validator = validator;
    }

    /** The body as a {@code type}, or an {@link InvalidRequestException} naming the first field Jackson refused. */
    public <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw invalid("$", "a JSON object is required");
        }
        try {
            JsonNode tree = STRICT.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw invalid("$", "the body must be a JSON object");
            }
            return STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(path(e), "unknown field; expected one of " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw invalid(path(e), formatMessage(e));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw invalid("$", e.getOriginalMessage());
            }
            String expected = e.getTargetType() == null ? "a different value" : describe(e.getTargetType());
            throw invalid(path(e), "expected " + expected);
        } catch (JsonMappingException e) {
            throw invalid(path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw invalid("$", "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        }
    }

    /** Every constraint the record breaks, by JSON path. */
    public <T> List<FieldError> violations(T value) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(value)) {
            errors.add(new FieldError(jsonPath(v.getPropertyPath()), v.getMessage()));
        }
        return errors;
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(TITLE, List.of(new FieldError(field, message)));
    }

    private static String formatMessage(InvalidFormatException e) {
        Class<?> type = e.getTargetType();
        if (type != null && type.isEnum()) {
            return "unknown value \"" + e.getValue() + "\"; expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "\"" + e.getValue() + "\" is not " + describe(type);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Double", "double" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "OffsetDateTime" -> "an ISO-8601 time with an offset, e.g. 2026-12-14T10:30:00+08:00";
            case "LocalDate" -> "an ISO-8601 date, e.g. 2026-12-14";
            case "List" -> "a list";
            default -> "a JSON object";
        };
    }

    /** The JSON path of the field Jackson stopped at: "site.activities[1]". */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
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
}
