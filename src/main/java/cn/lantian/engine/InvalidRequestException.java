package cn.lantian.engine;

import java.util.List;

/** A request the service cannot act on; each error names the field at fault. */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;
    private final transient Text title;

    public InvalidRequestException(String title, List<FieldError> errors) {
        super(title);
        this.errors = List.copyOf(errors);
        this.title = null;
    }

    /** With a title from the message bundle, said in the reader's language. */
    public InvalidRequestException(Text title, List<FieldError> errors) {
        super(title.english());
        this.errors = List.copyOf(errors);
        this.title = title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The title as a bundle text, or null when it is given in English only. */
    public Text title() {
        return title;
    }
}
