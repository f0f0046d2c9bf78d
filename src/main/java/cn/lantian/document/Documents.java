package cn.lantian.document;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.ParameterText;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.LawArticle;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.Reference;
import cn.lantian.store.StoredEvaluation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import cn.lantian.fact.DocumentWording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The official documents of a kept evaluation (contract section 9): the party, the facts, the articles, the
 * orders, the fine and the party's rights, each in the words of the documents' parameters table
 * (rules/documents/parameters.csv) and the labels of the tables in force on the inspection's day.
 */
@ApplicationScoped
public class Documents {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日H时mm分", Locale.CHINA);
    /** The jurisdiction key of a record that names none, for its number sequence and its parameters. */
    static final String NO_JURISDICTION = "default";

    @Inject
    ActiveRuleset rules;

    @Inject
    DocumentNumbers numbers;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** A kind that does not apply to this evaluation, and why (in Chinese and English). */
    public static final class NotApplicable extends RuntimeException {
        public NotApplicable(String message) {
            super(message);
        }
    }

    /** The rules in force hold no wording for the documents (rules/documents/parameters.csv is absent). */
    public static final class NoWording extends RuntimeException {
        NoWording(String name) {
            super("生效规则中没有文书措辞参数 " + name + "（rules/documents/parameters.csv），无法制作文书");
        }
    }

    /** The document, its number given (once) when it is first made. */
    public DocumentView of(StoredEvaluation e, DocumentKind kind) {
        JsonNode request = read(e.request());
        JsonNode decision = read(e.decision());
        applies(kind, decision);
        Ruleset ruleset = rules.get();
        ZoneId zone = ruleset.calendar().zone();
        OffsetDateTime inspectedAt = e.inspectedAt();
        Reference ref = ruleset.referenceAt(inspectedAt.atZoneSameInstant(zone).toLocalDate());
        String jurisdiction = e.jurisdiction() == null || e.jurisdiction().isBlank() ? NO_JURISDICTION : e.jurisdiction();
        Texts t = new Texts(ref, jurisdiction);

        ZonedDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(zone);
        int year = now.getYear();
        String prefix = t.perJurisdiction(DocumentWording.PREFIX, kind.path());
        String format = t.text(DocumentWording.NUMBER_FORMAT);
        int digits = ref.parameter(DocumentWording.NUMBER_DIGITS).map(p -> (int) p.getNumber()).orElse(4);
        String number = numbers.numberFor(e.id(), kind, jurisdiction, year, serial -> format.replace("{prefix}", prefix)
                .replace("{year}", Integer.toString(year)).replace("{number}", String.format("%0" + digits + "d", serial)));

        JsonNode subject = request.path("subject");
        String jurisdictionLabel = e.jurisdiction() == null ? "" : ref.label("JURISDICTION", e.jurisdiction());
        String standard = subject.hasNonNull("standard") ? ref.label("STANDARD", subject.get("standard").asText()) : null;
        DocumentView.Party party = new DocumentView.Party(subject.path("name").asText(""), subject.path("id").asText(""),
                ref.label("SUBJECT_KIND", subject.path("kind").asText("")), jurisdictionLabel, standard,
                blankIfNone(subject, "creditCode"), blankIfNone(subject, "address"), blankIfNone(subject, "legalRepresentative"));

        Set<String> unverified = unverified(decision, ref);
        String mark = t.text(DocumentWording.UNVERIFIED);
        Map<String, DocumentView.Article> articles = new LinkedHashMap<>();
        Map<String, List<String>> notes = notes(request);
        Map<String, String> violationTitles = new LinkedHashMap<>();
        List<DocumentView.Fact> facts = new ArrayList<>();
        for (JsonNode v : decision.path("violations")) {
            String code = v.path("code").asText();
            String basis = v.path("legalBasis").asText(null);
            cite(articles, basis, ref, unverified, mark);
            violationTitles.put(code, v.path("title").asText(code));
            facts.add(new DocumentView.Fact(v.path("title").asText(""), v.path("message").asText(""),
                    measured(v.get("observed"), v.get("required")), measured(v.get("required"), v.get("required")),
                    basis == null ? "" : ref.label(Reference.LEGAL_BASIS, basis), notes.getOrDefault(code, List.of())));
        }
        List<DocumentView.OrderLine> orders = new ArrayList<>();
        for (JsonNode o : decision.path("orders")) {
            if (kind == DocumentKind.RECTIFICATION_NOTICE || kind == DocumentKind.INSPECTION_RECORD) {
                String about = o.hasNonNull("violation") ? violationTitles.getOrDefault(o.get("violation").asText(), "")
                        : o.hasNonNull("activity") ? ref.label("ACTIVITY", o.get("activity").asText()) : "";
                String deadline = o.hasNonNull("deadline")
                        ? OffsetDateTime.parse(o.get("deadline").asText()).atZoneSameInstant(zone).format(MINUTE) + "前"
                        : t.text(DocumentWording.ORDER_IMMEDIATELY);
                orders.add(new DocumentView.OrderLine(ref.label("ORDER_TYPE", o.path("type").asText()), about, deadline,
                        o.path("reason").asText("")));
                if (o.hasNonNull("legalBasis")) {
                    cite(articles, o.get("legalBasis").asText(), ref, unverified, mark);
                }
            }
        }
        List<DocumentView.PenaltyLine> penalties = new ArrayList<>();
        long total = 0;
        if (kind == DocumentKind.PENALTY_NOTICE || kind == DocumentKind.PENALTY_DECISION) {
            for (JsonNode p : decision.path("penalties")) {
                String basis = p.path("legalBasis").asText();
                cite(articles, basis, ref, unverified, mark);
                long fine = p.path("recommendedFineYuan").asLong(0);
                total += fine;
                List<String> vs = new ArrayList<>();
                p.path("violations").forEach(c -> vs.add(violationTitles.getOrDefault(c.asText(), c.asText())));
                List<String> measures = new ArrayList<>();
                p.path("measures").forEach(m -> measures.add(ref.label("PENALTY_MEASURE", m.asText())));
                List<String> calculation = new ArrayList<>();
                p.path("calculation").forEach(c -> calculation.add(c.asText()));
                String range = p.hasNonNull("fineMinYuan") && p.hasNonNull("fineMaxYuan")
                        ? yuan(p.get("fineMinYuan").asLong()) + "至" + yuan(p.get("fineMaxYuan").asLong()) : "";
                penalties.add(new DocumentView.PenaltyLine(ref.label(Reference.LEGAL_BASIS, basis),
                        unverified.contains(basis) ? mark : "", vs, measures, range, calculation, yuan(fine),
                        p.path("reason").asText("")));
            }
        }
        String articleList = String.join("、", articles.values().stream().map(DocumentView.Article::title).toList());
        List<String> preamble = new ArrayList<>();
        List<String> closing = new ArrayList<>();
        List<String> rights = new ArrayList<>();
        boolean partySigns = true;
        switch (kind) {
            case INSPECTION_RECORD -> {
                preamble.add(t.text(DocumentWording.RECORD_IDENTITY));
                closing.add(t.text(DocumentWording.RECORD_ACKNOWLEDGEMENT));
            }
            case RECTIFICATION_NOTICE -> preamble.add(t.text(DocumentWording.RECTIFICATION_ORDER).replace("{articles}", articleList));
            case PENALTY_NOTICE -> {
                preamble.add(t.text(DocumentWording.NOTICE_INTRO).replace("{articles}", articleList));
                rights.add(t.text(DocumentWording.RIGHTS_STATEMENT));
                rights.add(t.text(DocumentWording.RIGHTS_HEARING));
            }
            case PENALTY_DECISION -> {
                preamble.add(t.text(DocumentWording.DECISION_INTRO).replace("{articles}", articleList));
                closing.add(t.text(DocumentWording.DECISION_PAYMENT));
                rights.add(t.text(DocumentWording.RIGHTS_REVIEW) + t.text(DocumentWording.RIGHTS_SUIT));
                rights.add(t.text(DocumentWording.RIGHTS_NO_SUSPENSION));
                closing.add(t.text(DocumentWording.DECISION_DRAFT));
                partySigns = false;
            }
        }
        return new DocumentView(kind.path(), t.text(DocumentWording.TITLE + "." + kind.path()), t.bureau(jurisdictionLabel), number,
                party, inspectedAt.atZoneSameInstant(zone).format(MINUTE), e.recordedBy() == null ? "" : e.recordedBy(),
                now.format(DAY), facts, List.copyOf(articles.values()), preamble, orders, penalties,
                total > 0 ? yuan(total) : "", closing, rights, partySigns, !facts.isEmpty());
    }

    /** Refuses a kind the decision gives no ground for. */
    static void applies(DocumentKind kind, JsonNode decision) {
        switch (kind) {
            case RECTIFICATION_NOTICE -> {
                boolean rectify = false;
                for (JsonNode o : decision.path("orders")) {
                    rectify |= "RECTIFY".equals(o.path("type").asText());
                }
                if (!rectify) {
                    throw new NotApplicable("本次检查未责令限期整改，无责令改正通知书 (the decision orders no RECTIFY)");
                }
            }
            case PENALTY_NOTICE, PENALTY_DECISION -> {
                boolean fined = false;
                for (JsonNode p : decision.path("penalties")) {
                    fined |= p.path("recommendedFineYuan").asLong(0) > 0;
                }
                if (!fined) {
                    throw new NotApplicable("本次检查未建议罚款，无行政处罚文书 (the decision recommends no fine)");
                }
            }
            default -> { }
        }
    }

    /** The articles not yet verified: a penalty's {@code verified: false}, a warning naming it, the table's own mark. */
    private static Set<String> unverified(JsonNode decision, Reference ref) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode p : decision.path("penalties")) {
            if (p.path("verified").isBoolean() && !p.get("verified").asBoolean()) {
                out.add(p.path("legalBasis").asText());
            }
        }
        List<String> warnings = new ArrayList<>();
        decision.path("warnings").forEach(w -> warnings.add(w.path("message").asText("")));
        Set<String> cited = new LinkedHashSet<>();
        decision.path("violations").forEach(v -> cited.add(v.path("legalBasis").asText("")));
        decision.path("penalties").forEach(p -> cited.add(p.path("legalBasis").asText("")));
        decision.path("orders").forEach(o -> cited.add(o.path("legalBasis").asText("")));
        for (String code : cited) {
            if (code.isEmpty()) {
                continue;
            }
            String title = ref.label(Reference.LEGAL_BASIS, code);
            if (warnings.stream().anyMatch(w -> w.contains(code) || w.contains(title))
                    || ref.article(code).map(a -> Boolean.FALSE.equals(a.verified())).orElse(false)) {
                out.add(code);
            }
        }
        return out;
    }

    private static void cite(Map<String, DocumentView.Article> articles, String code, Reference ref, Set<String> unverified,
                             String mark) {
        if (code == null || code.isBlank() || articles.containsKey(code)) {
            return;
        }
        String conduct = ref.article(code).map(LawArticle::conduct).orElse("");
        articles.put(code, new DocumentView.Article(code, ref.label(Reference.LEGAL_BASIS, code), conduct,
                unverified.contains(code) ? mark : ""));
    }

    /** The inspector's notes by item. */
    private static Map<String, List<String>> notes(JsonNode request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode n : request.path("notes")) {
            String text = n.path("text").asText("");
            if (!text.isBlank()) {
                out.computeIfAbsent(n.path("item").asText(""), k -> new ArrayList<>()).add(text);
            }
        }
        return out;
    }

    /** A share of a 100% item as a percentage (0.95 → 95%), any other measure as written. */
    static String measured(JsonNode value, JsonNode required) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isNumber() && required != null && required.isNumber() && required.decimalValue().compareTo(BigDecimal.ONE) == 0) {
            BigDecimal percent = value.decimalValue().multiply(BigDecimal.valueOf(100)).stripTrailingZeros();
            return percent.setScale(Math.max(0, Math.min(1, percent.scale())), java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "是" : "否";
        }
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText();
    }

    static String yuan(long amount) {
        return NumberFormat.getIntegerInstance(Locale.CHINA).format(amount) + " 元";
    }

    private static String blankIfNone(JsonNode subject, String field) {
        String v = subject.path(field).asText("");
        return v.isBlank() ? null : v;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents' parameters: per jurisdiction where the table has a row, else the default row. */
    private static final class Texts {
        private final Reference ref;
        private final String jurisdiction;

        Texts(Reference ref, String jurisdiction) {
            this.ref = ref;
            this.jurisdiction = jurisdiction;
        }

        /** A text of the wording; the load-time check makes every one present once any is. */
        String text(String name) {
            return ref.parameter(name).map(Parameter::value).map(v -> ParameterText.fill(v, ref))
                    .orElseThrow(() -> new NoWording(name));
        }

        String perJurisdiction(String family, String kind) {
            String own = DocumentWording.own(family, jurisdiction, kind);
            return ref.parameter(own).isPresent() ? text(own) : text(DocumentWording.own(family, DocumentWording.DEFAULT, kind));
        }

        String bureau(String jurisdictionLabel) {
            String own = DocumentWording.own(DocumentWording.BUREAU, jurisdiction, null);
            return ref.parameter(own).isPresent() ? text(own)
                    : text(DocumentWording.own(DocumentWording.BUREAU, DocumentWording.DEFAULT, null)).replace("{jurisdiction}", jurisdictionLabel);
        }
    }
}
