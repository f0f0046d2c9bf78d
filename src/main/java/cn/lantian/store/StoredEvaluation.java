package cn.lantian.store;

import java.time.OffsetDateTime;

/**
 * An evaluation as kept: the request as received, the inspection as the rules saw it (history and alert
 * derived from the store filled in), the decision exactly as it was answered, and the user who recorded it
 * (null for records kept before users existed).
 */
public record StoredEvaluation(String id, String subjectId, String subjectKind, String jurisdiction,
                               OffsetDateTime inspectedAt, OffsetDateTime recordedAt, String rulesetVersion,
                               boolean compliant, String request, String inspection, String decision,
                               String recordedBy) {}
