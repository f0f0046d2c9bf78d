package cn.lantian.document;

import java.util.List;

/**
 * One official document as its template shows it: every word already in Chinese (labels, article titles,
 * dates), the wording from the documents' parameters table. Blank fields print as lines to fill in by hand.
 */
public record DocumentView(String kind, String title, String bureau, String number, Party party, String inspectedAt,
                           String recordedBy, String issuedOn, List<Fact> facts, List<Article> articles,
                           List<String> preamble, List<OrderLine> orders, List<PenaltyLine> penalties,
                           String totalFine, List<String> closing, List<String> rights, boolean partySigns,
                           boolean hasFacts) {

    /** The party: what the record says of it; the registry's particulars are blank until it has them. */
    public record Party(String name, String id, String kind, String jurisdiction, String standard,
                        String creditCode, String address, String legalRepresentative) {}

    /** A violation found: what was found, against what, and the inspector's own notes on the item. */
    public record Fact(String title, String message, String observed, String required, String article,
                       List<String> notes) {}

    /** An article cited, with its title, the conduct as the table states it and 待核 when unverified. */
    public record Article(String code, String title, String conduct, String unverified) {}

    /** An order with its deadline in Chinese. */
    public record OrderLine(String type, String about, String deadline, String reason) {}

    /** A penalty: its article, measures, calculation lines and recommended fine. */
    public record PenaltyLine(String article, String unverified, List<String> violations, List<String> measures,
                              String range, List<String> calculation, String fine, String reason) {}
}
