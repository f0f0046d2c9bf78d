package cn.lantian.fact;

/**
 * A row of the alarm table ({@code monitoring/alarms.csv}): for each alarm code of the online monitors
 * ({@code PM10_EXCEEDED}, {@code MONITOR_OFFLINE}, {@code MONITOR_SUSPECT}), the article it rests on and the hours
 * the site has to answer the case it opens (domain.md sections 10 and 11).
 */
public record AlarmRule(String code, String legalBasis, Integer caseDeadlineHours, String title) {}
