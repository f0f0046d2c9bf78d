package cn.lantian.engine;

import java.util.Map;

/**
 * A loaded rule and its metadata: {@code code} (what it finds or orders), {@code title} (Chinese),
 * {@code legalBasis}, and whatever else the rule file declares (check, record, criterion…).
 */
public record RuleInfo(String name, String file, String code, String title, String legalBasis,
                       Map<String, String> metadata) {

    /** The metadata every rule must carry. */
    public static final java.util.List<String> REQUIRED = java.util.List.of("code", "title", "legalBasis");
}
