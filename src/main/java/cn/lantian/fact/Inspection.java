package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;

/**
 * One inspection record as the inspector (or a self-checking enterprise) sends it: {@code site} for a
 * construction site, {@code enterprise} for a plant. The rules see it, its subject, its site or
 * enterprise and each inspected site block as separate facts.
 */
public record Inspection(
        String inspectionId,
        @NotNull OffsetDateTime inspectedAt,
        AlertLevel alertLevel,
        @NotNull @Valid Subject subject,
        @ForKinds(SubjectKind.SITE) @Valid Site site,
        @ForKinds(SubjectKind.ENTERPRISE) @Valid Enterprise enterprise,
        @Valid History history) {

    /** The level in force: an absent level means no warning. */
    public AlertLevel getLevel() {
        return alertLevel == null ? AlertLevel.NONE : alertLevel;
    }

    public Inspection withSubject(Subject newSubject) {
        return new Inspection(inspectionId, inspectedAt, alertLevel, newSubject, site, enterprise, history);
    }

    public Inspection withHistory(History newHistory) {
        return new Inspection(inspectionId, inspectedAt, alertLevel, subject, site, enterprise, newHistory);
    }

    /** The same record as if inspected at that time under that alert level (a self-check's what-if). */
    public Inspection asIf(OffsetDateTime at, AlertLevel level) {
        return new Inspection(inspectionId, at, level, subject, site, enterprise, history);
    }
}
