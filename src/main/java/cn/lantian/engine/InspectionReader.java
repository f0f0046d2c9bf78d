package cn.lantian.engine;

import cn.lantian.fact.History;
import cn.lantian.fact.Inspection;
import cn.lantian.fact.Reference;
import cn.lantian.fact.Subject;
import cn.lantian.fact.SubjectKind;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a request body into an {@link Inspection} the rules can decide, or refuses it with every bad
 * field named by its JSON path, including what only the loaded rules can tell (standards, codes).
 */
public final class InspectionReader {
    private final RequestReader reader;

    public InspectionReader(RequestReader reader) {
        this.reader = reader;
    }

    /** Reads and checks an inspection record, which must say when it was inspected. */
    public Inspection read(String body, Ruleset ruleset) {
        return read(body, ruleset, null);
    }

    /**
     * Reads and checks a record that may leave out its time (a self-check "now"): it is then taken as
     * inspected at {@code untimedAt}. With {@code untimedAt} null the time is required.
     */
    public Inspection read(String body, Ruleset ruleset, OffsetDateTime untimedAt) {
        Inspection inspection = reader.parse(body, Inspection.class);
        boolean untimed = inspection.inspectedAt() == null && untimedAt != null;
        List<FieldError> errors = new ArrayList<>(reader.violations(inspection).stream()
                .filter(e -> !(untimed && e.field().equals("inspectedAt"))).toList());
        if (errors.isEmpty()) {
            if (untimed) {
                inspection = inspection.asIf(untimedAt, inspection.alertLevel());
            }
            inspection = checkAgainstRules(inspection, ruleset, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidRequestException(Text.of("lantian.title.inspection"), errors);
        }
        return inspection;
    }

    /**
     * A site record carries a site block and a plant record an enterprise block, never the other, and a
     * site record must have inspected something; a site's standard must be one the rules define and,
     * when absent, the jurisdiction's applies; the open orders name codes the rules know, each item in
     * one order only, and none is made after the inspection (its days, and the daily fine, would be
     * negative).
     */
    private static Inspection checkAgainstRules(Inspection inspection, Ruleset ruleset, List<FieldError> errors) {
        Subject subject = inspection.subject();
        if (subject.kind() == SubjectKind.SITE) {
            if (inspection.enterprise() != null) {
                errors.add(FieldError.of("enterprise", "lantian.inspection.enterpriseOnSite"));
            }
            if (inspection.site() == null || !inspection.site().inspectedSomething()) {
                errors.add(FieldError.of("site", "lantian.inspection.inspectedNothing"));
            }
        }
        if (subject.kind() == SubjectKind.ENTERPRISE) {
            if (inspection.site() != null) {
                errors.add(FieldError.of("site", "lantian.inspection.siteOnPlant"));
            }
            if (inspection.enterprise() == null) {
                errors.add(FieldError.of("enterprise", "lantian.inspection.enterpriseRequired"));
            }
        }
        Reference reference = ruleset.referenceAt(ruleset.calendar().dateOf(inspection.inspectedAt()));
        List<String> standards = reference.standards();
        if (subject.kind() == SubjectKind.SITE) {
            if (subject.standard() != null && !standards.contains(subject.standard())) {
                errors.add(FieldError.of("subject.standard", "lantian.inspection.unknownStandard",
                        "standard", subject.standard(), "standards", standards));
            } else if (subject.standard() == null) {
                Optional<String> configured = subject.jurisdiction() == null ? Optional.empty()
                        : reference.standardOf(subject.jurisdiction());
                if (configured.isPresent()) {
                    inspection = inspection.withSubject(subject.withStandard(configured.get()));
                } else if (subject.jurisdiction() == null) {
                    errors.add(FieldError.of("subject.standard", "lantian.inspection.nameStandard"));
                } else {
                    errors.add(FieldError.of("subject.jurisdiction", "lantian.inspection.noStandard",
                            "jurisdiction", subject.jurisdiction()));
                }
            }
        }
        if (inspection.decidedAt() != null && inspection.decidedAt().isBefore(inspection.inspectedAt())) {
            errors.add(FieldError.of("decidedAt", "lantian.inspection.decidedBefore",
                    "decidedAt", inspection.decidedAt().toString(), "inspectedAt", inspection.inspectedAt().toString()));
        }
        History history = inspection.history();
        if (history != null) {
            if (history.rectification() != null && history.rectifications() != null) {
                errors.add(FieldError.of("history.rectifications", "lantian.inspection.bothOrderForms"));
            } else {
                String list = history.rectification() != null ? "history.rectification" : "history.rectifications";
                checkOrders(history.normalised().openOrders(), list, history.rectification() != null,
                        inspection.inspectedAt(), ruleset, errors);
                inspection = inspection.withHistory(history.normalised());
            }
        }
        return inspection;
    }

    private static void checkOrders(List<History.Rectification> orders, String list, boolean single,
                                    OffsetDateTime inspectedAt, Ruleset ruleset, List<FieldError> errors) {
        Map<String, String> orderOf = new HashMap<>();
        for (int o = 0; o < orders.size(); o++) {
            String at = single ? list : list + "[" + o + "]";
            History.Rectification order = orders.get(o);
            if (order.orderedAt().isAfter(inspectedAt)) {
                errors.add(FieldError.of(at + ".orderedAt", "lantian.inspection.orderedAfter",
                        "orderedAt", order.orderedAt().toString(), "inspectedAt", inspectedAt.toString()));
            }
            for (int i = 0; i < order.items().size(); i++) {
                String item = order.items().get(i);
                String field = at + ".items[" + i + "]";
                if (!ruleset.codes().contains(item)) {
                    errors.add(FieldError.of(field, "lantian.inspection.unknownCode", "code", item));
                } else {
                    String earlier = orderOf.putIfAbsent(item, field);
                    if (earlier != null) {
                        errors.add(FieldError.of(field, "lantian.inspection.orderedTwice", "code", item, "earlier", earlier));
                    }
                }
            }
            for (int i = 0; i < order.claimedRectified().size(); i++) {
                String item = order.claimedRectified().get(i);
                if (!order.items().contains(item)) {
                    errors.add(FieldError.of(at + ".claimedRectified[" + i + "]", "lantian.inspection.notAnItem",
                            "item", item));
                }
            }
        }
    }
}
