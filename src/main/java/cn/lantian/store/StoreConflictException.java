package cn.lantian.store;

/** Another change to the same thing came first (two follow-ups of one subject at once, say): nothing was kept. */
public class StoreConflictException extends RuntimeException {
    public StoreConflictException(String message) {
        super(message);
    }
}
