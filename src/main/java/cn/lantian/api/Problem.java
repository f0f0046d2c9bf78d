package cn.lantian.api;

import cn.lantian.engine.FieldError;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, Lantian's only error shape. {@code errors} names bad request fields;
 * {@code extensions} carry what else explains the problem (a refused reload's diagnostics, say).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return response(status, title, detail, errors, Map.of());
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors,
                                    Map<String, Object> extensions) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors, new LinkedHashMap<>(extensions))).build();
    }
}
