package cn.lantian.engine;

import cn.lantian.fact.Inspection;
import cn.lantian.fact.Subject;
import cn.lantian.fact.SubjectKind;
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
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a request body into an {@link Inspection} the rules can decide, or refuses it with every
 * bad field named by its JSON path. Strict on purpose: an unknown field is usually a typo that
 * would otherwise pass as "not inspected".
 */
public final class InspectionReader {
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

    private final Validator validator;

    public InspectionReader(Validator validator) {
        this.validator = validator;
    }

    /** Reads and checks a request; {@code inspectedAt} may be absent only when {@code requireTime} is false. */
    public Inspection read(String body, Ruleset ruleset, boolean requireTime) {
        Inspection inspection = parse(body);
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Inspection> v : validator.validate(inspection)) {
            String field = jsonPath(v.getPropertyPath());
            if (!requireTime && field.equals("inspectedAt")) {
                continue;
            }
            errors.add(new FieldError(field, v.getMessage()));
        }
        if (errors.isEmpty()) {
            inspection = checkAgainstRules(inspection, ruleset, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidInspectionException("The inspection record is invalid", errors);
        }
        return inspection;
    }

    private static Inspection parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("$", "a JSON inspection record is required");
        }
        try {
            JsonNode tree = STRICT.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw invalid("$", "the body must be a JSON object");
            }
            return STRICT.treeToValue(tree, Inspection.class);
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

    /** The subject's standard must be one the rules define; absent, the jurisdiction's applies. */
    private static Inspection checkAgainstRules(Inspection inspection, Ruleset ruleset, List<FieldError> errors) {
        Subject subject = inspection.subject();
        List<String> standards = ruleset.reference().standards();
        if (subject.kind() == SubjectKind.SITE) {
            if (subject.standard() != null && !standards.contains(subject.standard())) {
                errors.add(new FieldError("subject.standard", "unknown standard \"" + subject.standard()
                        + "\"; defined in rules/: " + String.join(", ", standards)));
            } else if (subject.standard() == null) {
                var configured = subject.jurisdiction() == null ? java.util.Optional.<String>empty()
                        : ruleset.reference().standardOf(subject.jurisdiction());
                if (configured.isEmpty()) {
                    errors.add(new FieldError(subject.jurisdiction() == null ? "subject.standard" : "subject.jurisdiction",
                            subject.jurisdiction() == null
                                    ? "name the standard, or a jurisdiction whose standard is configured in rules/"
                                    : "no standard is configured for jurisdiction \"" + subject.jurisdiction()
                                            + "\"; name subject.standard"));
                } else {
                    inspection = inspection.withSubject(subject.withStandard(configured.get()));
                }
            }
        }
        if (inspection.history() != null && inspection.history().rectification() != null) {
            List<String> items = inspection.history().rectification().items();
            for (int i = 0; i < items.size(); i++) {
                if (!ruleset.codes().contains(items.get(i))) {
                    errors.add(new FieldError("history.rectification.items[" + i + "]",
                            "unknown violation code \"" + items.get(i) + "\""));
                }
            }
        }
        return inspection;
    }

    private static InvalidInspectionException invalid(String field, String message) {
        return new InvalidInspectionException("The inspection record is invalid", List.of(new FieldError(field, message)));
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
        return sb.toString();
    }

    /** The JSON path of a Bean Validation property path, with list elements as [i]. */
    private static String jsonPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() == null || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.toString();
    }
}
