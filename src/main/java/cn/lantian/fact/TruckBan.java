package cn.lantian.fact;

/** A row of the truck bans table: at that level a plant of that grade may not use diesel trucks of this standard or below. */
public record TruckBan(PerformanceGrade grade, AlertLevel level, String maxBannedStandard, String legalBasis) {}
