package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.Messages;
import cn.lantian.engine.Text;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 9457 problem detail, Lantian's only error shape. {@code errors} names bad request fields;
 * {@code extensions} carry what else explains the problem (a refused reload's diagnostics, say). A title
 * or detail given as a {@link Text} is said again in the reader's language ({@link ProblemLanguage}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      @JsonIgnore Map<String, Object> extensions, @JsonIgnore Text titleText,
                      @JsonIgnore Text detailText) {
    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return response(status, title, detail, errors, Map.of());
    }

    /** A problem titled in English; a title that is the status's own name ("Forbidden") is said in the reader's language. */
    public static Response response(int status, String title, String detail, List<FieldError> errors,
                                    Map<String, Object> extensions) {
        Text named = statusTitle(status);
        Text titleText = Messages.has(named.template()) && named.english().equals(title) ? named : null;
        return build(status, new Problem("about:blank", title, status, detail, errors, new LinkedHashMap<>(extensions),
                titleText, null));
    }

    /** A problem whose title and detail come from the message bundle. */
    public static Response response(int status, Text title, Text detail, List<FieldError> errors,
                                    Map<String, Object> extensions) {
        return build(status, of(status, title, detail, errors, extensions));
    }

    public static Problem of(int status, Text title, Text detail, List<FieldError> errors, Map<String, Object> extensions) {
        return new Problem("about:blank", title.english(), status, detail == null ? null : detail.english(), errors,
                new LinkedHashMap<>(extensions), title, detail);
    }

    /** The title of a bare HTTP status ("Unsupported Media Type"), in the bundle's words. */
    public static Text statusTitle(int status) {
        return Text.of("lantian.title.status." + status);
    }

    private static Response build(int status, Problem problem) {
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }

    /** The same problem for a reader of that language: title, detail and each error's message; fields unchanged. */
    public Problem in(Locale locale) {
        return new Problem(type, titleText == null ? title : titleText.in(locale), status,
                detailText == null ? detail : detailText.in(locale),
                errors == null ? null : errors.stream().map(e -> e.in(locale)).toList(), extensions, titleText,
                detailText);
    }
}
