package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One inspection record as the inspector (or a self-checking enterprise) sends it: {@code site} for a
 * construction site, {@code enterprise} for a plant. The rules see it, its subject, its site or
 * enterprise and each inspected site block as separate facts.
 */
public record Inspection(
        @Size(max = Limits.ID, message = "{cn.lantian.fact.Size.text}") String inspectionId,
        @NotNull @WithinYears OffsetDateTime inspectedAt,
        AlertLevel alertLevel,
        @NotNull @Valid Subject subject,
        @ForKinds(SubjectKind.SITE) @Valid Site site,
        @ForKinds(SubjectKind.ENTERPRISE) @Valid Enterprise enterprise,
        @Valid History history,
        @WithinYears OffsetDateTime decidedAt,
        @Valid Circumstances circumstances,
        @Size(max = Limits.ITEM_NOTES, message = "{cn.lantian.fact.Size.list}") List<@NotNull @Valid ItemNote> notes,
        @Valid Location location) {

    /** A record without notes or location. */
    public Inspection(String inspectionId, OffsetDateTime inspectedAt, AlertLevel alertLevel, Subject subject, Site site,
                      Enterprise enterprise, History history, OffsetDateTime decidedAt, Circumstances circumstances) {
        this(inspectionId, inspectedAt, alertLevel, subject, site, enterprise, history, decidedAt, circumstances, null, null);
    }

    /** A record without circumstances. */
    public Inspection(String inspectionId, OffsetDateTime inspectedAt, AlertLevel alertLevel, Subject subject, Site site,
                      Enterprise enterprise, History history, OffsetDateTime decidedAt) {
        this(inspectionId, inspectedAt, alertLevel, subject, site, enterprise, history, decidedAt, null);
    }

    /** The circumstances recorded, or none. */
    public Circumstances circumstancesOrNone() {
        return circumstances == null ? Circumstances.NONE : circumstances;
    }

    /** A record as earlier clients send it: decided on the day it was inspected. */
    public Inspection(String inspectionId, OffsetDateTime inspectedAt, AlertLevel alertLevel, Subject subject, Site site,
                      Enterprise enterprise, History history) {
        this(inspectionId, inspectedAt, alertLevel, subject, site, enterprise, history, null);
    }

    /**
     * The decision's time (行政处罚法 art. 37 chooses the law by it): {@code decidedAt} when given, else the
     * inspection's own time, never the wall clock, so that a replay decides the same.
     */
    public OffsetDateTime decisionTime() {
        return decidedAt == null ? inspectedAt : decidedAt;
    }

    /** The level in force: an absent level means no warning. */
    public AlertLevel getLevel() {
        return alertLevel == null ? AlertLevel.NONE : alertLevel;
    }

    public Inspection withSubject(Subject newSubject) {
        return new Inspection(inspectionId, inspectedAt, alertLevel, newSubject, site, enterprise, history, decidedAt, circumstances, notes, location);
    }

    public Inspection withHistory(History newHistory) {
        return new Inspection(inspectionId, inspectedAt, alertLevel, subject, site, enterprise, newHistory, decidedAt, circumstances, notes, location);
    }

    /** The same record as if inspected at that time under that alert level (a self-check's what-if). */
    public Inspection asIf(OffsetDateTime at, AlertLevel level) {
        return new Inspection(inspectionId, at, level, subject, site, enterprise, history, decidedAt, circumstances, notes, location);
    }
}
