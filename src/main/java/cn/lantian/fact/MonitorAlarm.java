package cn.lantian.fact;

import java.util.ArrayList;
import java.util.List;

/**
 * An alarm of the stream rules (domain.md section 10): one per monitor, calendar day and code
 * ({@code PM10_EXCEEDED}, {@code MONITOR_OFFLINE}, {@code MONITOR_SUSPECT}), with the rule and article that raised
 * it, the time it was raised (epoch milliseconds: the reading or the moment of the clock that completed it), a
 * {@code level} where the model grades it (WARNING, CHECK), the exceeding hours it covers (updated by later
 * ones), and for a silent or repeating monitor the time its silence or its repetition began.
 */
public class MonitorAlarm {
    private final String device;
    private final String subjectId;
    private final String jurisdiction;
    private final String day;
    private final String code;
    private final String title;
    private final String legalBasis;
    private final String rule;
    private final long raisedAt;
    private String level;
    private final List<MonitorHour> hours = new ArrayList<>();
    private final Long since;
    private String message;

    public MonitorAlarm(String device, String subjectId, String jurisdiction, String day, String code, String title,
                        String legalBasis, String rule, long raisedAt, String level, Long since, String message) {
        this.device = device;
        this.subjectId = subjectId;
        this.jurisdiction = jurisdiction;
        this.day = day;
        this.code = code;
        this.title = title;
        this.legalBasis = legalBasis;
        this.rule = rule;
        this.raisedAt = raisedAt;
        this.level = level;
        this.since = since;
        this.message = message;
    }

    public String getDevice() { return device; }
    public String getSubjectId() { return subjectId; }
    public String getJurisdiction() { return jurisdiction; }
    public String getDay() { return day; }
    public String getCode() { return code; }
    public String getTitle() { return title; }
    public String getLegalBasis() { return legalBasis; }
    public String getRule() { return rule; }
    public long getRaisedAt() { return raisedAt; }
    public String getLevel() { return level; }
    public Long getSince() { return since; }
    public String getMessage() { return message; }

    /** The hours it covers, in the order they joined it. */
    public List<MonitorHour> getHours() {
        return List.copyOf(hours);
    }

    /** Whether the hour is among those it covers. */
    public boolean covers(MonitorHour h) {
        return hours.stream().anyMatch(x -> x.getHourStart() == h.getHourStart());
    }

    /** An hour joins it (at its raising, or a later exceeding hour of the day); the higher level stays. */
    public void add(MonitorHour h) {
        if (!covers(h)) {
            hours.add(h);
            hours.sort(java.util.Comparator.comparingLong(MonitorHour::getHourStart));
        }
        if ("CHECK".equals(h.getLevel()) || level == null) {
            level = h.getLevel() == null ? level : h.getLevel();
        }
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
