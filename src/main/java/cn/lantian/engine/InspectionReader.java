package cn.lantian.engine;

import cn.lantian.fact.Inspection;
import cn.lantian.fact.Reference;
import cn.lantian.fact.Subject;
import cn.lantian.fact.SubjectKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /** Reads and checks a request; {@code inspectedAt} may be absent only when {@code requireTime} is false. */
    public Inspection read(String body, Ruleset ruleset, boolean requireTime) {
        Inspection inspection = reader.parse(body, Inspection.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(inspection).stream()
                .filter(e -> requireTime || !e.field().equals("inspectedAt")).toList());
        if (errors.isEmpty()) {
            inspection = checkAgainstRules(inspection, ruleset, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidRequestException("The inspection record is invalid", errors);
        }
        return inspection;
    }

    /**
     * A site record carries a site block and a plant record an enterprise block, never the other; a site's
     * standard must be one the rules define and, when absent, the jurisdiction's applies.
     */
    private static Inspection checkAgainstRules(Inspection inspection, Ruleset ruleset, List<FieldError> errors) {
        Subject subject = inspection.subject();
        if (subject.kind() == SubjectKind.SITE && inspection.enterprise() != null) {
            errors.add(new FieldError("enterprise", "only for subject.kind ENTERPRISE; a site is recorded in \"site\""));
        }
        if (subject.kind() == SubjectKind.ENTERPRISE) {
            if (inspection.site() != null) {
                errors.add(new FieldError("site", "only for subject.kind SITE; a plant is recorded in \"enterprise\""));
            }
            if (inspection.enterprise() == null) {
                errors.add(new FieldError("enterprise", "is required for subject.kind ENTERPRISE"));
            }
        }
        Reference reference = ruleset.referenceAt(inspection.inspectedAt() == null ? LocalDate.now()
                : inspection.inspectedAt().toLocalDate());
        List<String> standards = reference.standards();
        if (subject.kind() == SubjectKind.SITE) {
            if (subject.standard() != null && !standards.contains(subject.standard())) {
                errors.add(new FieldError("subject.standard", "unknown standard \"" + subject.standard()
                        + "\"; defined in rules/: " + String.join(", ", standards)));
            } else if (subject.standard() == null) {
                Optional<String> configured = subject.jurisdiction() == null ? Optional.empty()
                        : reference.standardOf(subject.jurisdiction());
                if (configured.isPresent()) {
                    inspection = inspection.withSubject(subject.withStandard(configured.get()));
                } else if (subject.jurisdiction() == null) {
                    errors.add(new FieldError("subject.standard",
                            "name the standard, or a jurisdiction whose standard is configured in rules/"));
                } else {
                    errors.add(new FieldError("subject.jurisdiction", "no standard is configured for jurisdiction \""
                            + subject.jurisdiction() + "\"; name subject.standard"));
                }
            }
        }
        if (inspection.history() != null && inspection.history().rectification() != null) {
            List<String> items = inspection.history().rectification().items();
            for (int i = 0; i < items.size(); i++) {
                if (!ruleset.codes().contains(items.get(i))) {
                    errors.add(new FieldError("history.rectification.items[" + i + "]",
                            "unknown violation code \"" + items.get(i) + "\""));
                }
            }
        }
        return inspection;
    }
}
