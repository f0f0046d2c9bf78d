package cn.lantian.evidence;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.Text;
import java.util.List;

/**
 * An upload the service will not keep, with the HTTP status that says why: 413 (too large, in bytes or in
 * pixels), 415 (not a JPEG, PNG or PDF by its content) or 400 (a damaged or incomplete file). Answered as
 * problem+json naming the part at fault ({@code file}).
 */
public class EvidenceRefused extends RuntimeException {
    private final int status;
    private final transient Text title;
    private final List<FieldError> errors;

    public EvidenceRefused(int status, String field, Text reason) {
        super(reason.english());
        this.status = status;
        this.title = Text.of("lantian.title.evidence");
        this.errors = List.of(FieldError.of(field, reason));
    }

    public int status() {
        return status;
    }

    public Text title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
