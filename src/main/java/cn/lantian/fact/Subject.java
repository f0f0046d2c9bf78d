package cn.lantian.fact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The inspected site or enterprise. {@code standard} names a "N 个百分之百" profile defined in rules/;
 * when absent it is resolved from the jurisdiction before the rules run.
 */
public record Subject(
        @NotNull SubjectKind kind,
        @NotBlank String id,
        String name,
        @Coded("JURISDICTION") String jurisdiction,
        @ForKinds(SubjectKind.SITE) @Coded("STANDARD") String standard,
        @ForKinds(SubjectKind.SITE) Boolean keyProject,
        @ForKinds(SubjectKind.SITE) Boolean nearMonitoringStation) {

    /** Absent flags are false: not a key project (重点项目), not near a monitoring station. */
    public Subject {
        keyProject = Boolean.TRUE.equals(keyProject);
        nearMonitoringStation = Boolean.TRUE.equals(nearMonitoringStation);
    }

    public Subject withStandard(String newStandard) {
        return new Subject(kind, id, name, jurisdiction, newStandard, keyProject, nearMonitoringStation);
    }
}
