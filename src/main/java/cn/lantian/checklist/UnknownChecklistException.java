package cn.lantian.checklist;

/** No checklist by that name: a standard or a performance grade the loaded rules do not define. */
public class UnknownChecklistException extends RuntimeException {
    public UnknownChecklistException(String message) {
        super(message);
    }
}
