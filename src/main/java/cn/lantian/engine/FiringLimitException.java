package cn.lantian.engine;

/**
 * The rules kept firing past the firing limit without coming to rest: a rule that inserts what makes it
 * fire again, or rules that feed each other. The message names the rules that fired most.
 */
public class FiringLimitException extends IllegalStateException {
    public FiringLimitException(String message) {
        super(message);
    }
}
