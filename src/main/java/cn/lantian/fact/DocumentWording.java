package cn.lantian.fact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters the official documents are worded by (rules/documents/parameters.csv): their names, once,
 * for the documents that read them and for the load-time check that a rules folder holding any of them
 * holds them all. The wording is the table's; Java knows only the names and which placeholders each text
 * is given ({@code {articles}}: the articles cited; any other {@code {name}} is a parameter's value).
 */
public final class DocumentWording {
    private DocumentWording() {}

    /** The family every document parameter belongs to. */
    public static final String FAMILY = "document.";
    /** The documents, by the names of their paths (contract section 9). */
    public static final List<String> KINDS = List.of("inspection-record", "rectification-notice", "penalty-notice",
            "penalty-decision");

    public static final String BUREAU = "document.bureau";
    public static final String PREFIX = "document.prefix";
    public static final String TITLE = "document.title";
    public static final String DEFAULT = "default";

    public static final String NUMBER_FORMAT = "document.number.format";
    public static final String NUMBER_DIGITS = "document.number.digits";
    public static final String UNVERIFIED = "document.unverified";
    public static final String ORDER_IMMEDIATELY = "document.order.immediately";
    public static final String RECORD_IDENTITY = "document.record.identity";
    public static final String RECORD_ACKNOWLEDGEMENT = "document.record.acknowledgement";
    public static final String RECTIFICATION_ORDER = "document.rectification.order";
    public static final String NOTICE_INTRO = "document.notice.intro";
    public static final String DECISION_INTRO = "document.decision.intro";
    public static final String DECISION_PAYMENT = "document.decision.payment";
    public static final String DECISION_DRAFT = "document.decision.draft";
    public static final String RIGHTS_STATEMENT = "document.rights.statement";
    public static final String RIGHTS_HEARING = "document.rights.hearing";
    public static final String RIGHTS_REVIEW = "document.rights.review";
    public static final String RIGHTS_SUIT = "document.rights.suit";
    public static final String RIGHTS_NO_SUSPENSION = "document.rights.noSuspension";

    /** Where a jurisdiction's own row stands over the default one: {@code document.prefix.zhengzhou.penalty-notice}. */
    public static String own(String family, String jurisdiction, String kind) {
        return family + "." + jurisdiction + (kind == null ? "" : "." + kind);
    }

    /**
     * Every text parameter the documents need, each with the placeholders it is given besides the other
     * parameters' values: the default bureau its jurisdiction's name, the number format its parts.
     */
    public static Map<String, List<String>> texts() {
        Map<String, List<String>> texts = new LinkedHashMap<>();
        texts.put(own(BUREAU, DEFAULT, null), List.of("jurisdiction"));
        texts.put(NUMBER_FORMAT, List.of("prefix", "year", "number"));
        for (String kind : KINDS) {
            texts.put(own(PREFIX, DEFAULT, kind), List.of());
            texts.put(TITLE + "." + kind, List.of());
        }
        for (String name : List.of(UNVERIFIED, ORDER_IMMEDIATELY, RECORD_IDENTITY, RECORD_ACKNOWLEDGEMENT, DECISION_PAYMENT,
                DECISION_DRAFT, RIGHTS_STATEMENT, RIGHTS_HEARING, RIGHTS_REVIEW, RIGHTS_SUIT, RIGHTS_NO_SUSPENSION)) {
            texts.put(name, List.of());
        }
        for (String name : List.of(RECTIFICATION_ORDER, NOTICE_INTRO, DECISION_INTRO)) {
            texts.put(name, List.of("articles"));
        }
        return texts;
    }

    /** The number parameters the documents need. */
    public static final List<String> NUMBERS = List.of(NUMBER_DIGITS);
}
