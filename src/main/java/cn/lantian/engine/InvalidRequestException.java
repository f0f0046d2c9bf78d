package cn.lantian.engine;

import java.util.List;

/** A request the service cannot act on; each error names the field at fault. */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidRequestException(String title, List<FieldError> errors) {
        super(title);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
