package cn.lantian.document;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The official documents an evaluation can be printed as (contract section 9), by their path names. */
public enum DocumentKind {
    /** 现场检查笔录: always. */
    INSPECTION_RECORD("inspection-record"),
    /** 责令改正通知书: when the decision orders a RECTIFY. */
    RECTIFICATION_NOTICE("rectification-notice"),
    /** 行政处罚事先告知书: when a penalty carries a fine. */
    PENALTY_NOTICE("penalty-notice"),
    /** 行政处罚决定书（草稿）: when a penalty carries a fine. */
    PENALTY_DECISION("penalty-decision");

    private final String path;

    DocumentKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<DocumentKind> of(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    static {
        if (!paths().equals(cn.lantian.fact.DocumentWording.KINDS)) {
            throw new ExceptionInInitializerError("the documents' wording names " + cn.lantian.fact.DocumentWording.KINDS
                    + ", the kinds are " + paths());
        }
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(DocumentKind::path).toList();
    }

    /** Whether the party is told its rights before a decision (statement, hearing) rather than after it. */
    public boolean beforeDecision() {
        return this == PENALTY_NOTICE;
    }
}
