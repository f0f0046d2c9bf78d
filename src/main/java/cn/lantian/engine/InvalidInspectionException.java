package cn.lantian.engine;

import java.util.List;

/** The request is not an inspection the rules can decide; each error names the field at fault. */
public class InvalidInspectionException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInspectionException(String title, List<FieldError> errors) {
        super(title);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
