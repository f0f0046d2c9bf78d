package cn.lantian.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * A bad field of a request, named by its JSON path ("site.stockpiles.covered"). {@code message} is in
 * English; {@code text}, when present, says it again in any language the service speaks (the path stays).
 */
public record FieldError(String field, String message, @JsonIgnore Text text) {

    public FieldError(String field, String message) {
        this(field, message, null);
    }

    public static FieldError of(String field, Text text) {
        return new FieldError(field, text.english(), text);
    }

    public static FieldError of(String field, String key, Object... namesAndValues) {
        return of(field, Text.of(key, namesAndValues));
    }

    /** The same error for a reader of that language. */
    public FieldError in(Locale locale) {
        return text == null ? this : new FieldError(field, text.in(locale), text);
    }
}
