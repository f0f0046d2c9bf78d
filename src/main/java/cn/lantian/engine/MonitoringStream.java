package cn.lantian.engine;

import cn.lantian.fact.Monitor;
import cn.lantian.fact.MonitorAlarm;
import cn.lantian.fact.MonitorHour;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A monitor's stream judged on its own, with nothing stored: what a stream fixture holds and
 * {@code POST /api/v1/monitoring/judge} takes. The readings go to the stream rules in the order written (so
 * that out-of-order arrival is what a case tests), the rules' clock following them as they arrive, then moved
 * to {@code clock}; the answer lists the alarms, the judged hours and how often each rule fired.
 */
public final class MonitoringStream {
    /** The most readings one stream may expand to (a day at one a minute is 1,440). */
    public static final int MAX_READINGS = 20_000;

    private MonitoringStream() {}

    /** A stream: one monitor, the county's means, the readings in arrival order, and the clock at the end. */
    public record Stream(@NotNull @Valid Device device, @Size(max = 2000) List<@NotNull @Valid CountyMeanIn> countyMeans,
                         @NotEmpty @Size(max = 5000) List<@NotNull @Valid ReadingIn> readings, OffsetDateTime clock) {}

    public record Device(@NotBlank @Size(max = 100) String id, @Size(max = 200) String subjectId,
                         @NotBlank @Size(max = 100) String jurisdiction, String parameter,
                         @Min(1) @Max(3600) Integer intervalSeconds) {}

    /**
     * The county's mean for the local hour starting at {@code hour}; {@code receivedAt}, when given, is when it
     * reaches the rules (before the first reading at or after that time), else it is there from the start.
     */
    public record CountyMeanIn(@NotNull OffsetDateTime hour, @NotNull @Min(0) @Max(100000) Double valueUgM3,
                               OffsetDateTime receivedAt) {}

    /**
     * A reading ({@code at}), or a run of {@code count} equal readings from {@code from}, one every
     * {@code everySeconds} (default the device's interval), which a case writes instead of sixty lines.
     */
    public record ReadingIn(OffsetDateTime at, OffsetDateTime from, @Min(1) @Max(MAX_READINGS) Integer count,
                            @Min(1) @Max(3600) Integer everySeconds, @NotNull @Min(0) @Max(100000) Double valueUgM3) {}

    /** An hour as the stream rules judged it. */
    public record HourView(String device, String day, String hour, String outcome, int readings, int minutes,
                           double siteMeanUgM3, Double countyMeanUgM3, Double countyMeanCappedUgM3, Double excessUgM3,
                           String level, String rule) {
        public static HourView of(MonitorHour h) {
            return new HourView(h.getDevice(), h.getDay(), h.getHour(), h.getOutcome(), h.getReadings(), h.getMinutes(),
                    round(h.getSiteMeanUgM3()), round(h.getCountyMeanUgM3()), round(h.getCountyMeanCappedUgM3()),
                    round(h.getExcessUgM3()), h.getLevel(), h.getRule());
        }
    }

    /** An alarm as the rules raised it: its hours with their values, the rule and article, the times in the rules' calendar. */
    public record AlarmView(String device, String subject, String jurisdiction, String day, String code, String title,
                            String legalBasis, String rule, OffsetDateTime raisedAt, String level, OffsetDateTime since,
                            String message, List<HourView> hours) {
        /** The alarm, citing the article in force on its day (APPCL-100 before 2026-08-15, its successor after). */
        public static AlarmView of(MonitorAlarm a, ZoneId zone, Ruleset ruleset) {
            String basis = ruleset.referenceAt(java.time.LocalDate.parse(a.getDay())).basisInForce(a.getLegalBasis());
            return new AlarmView(a.getDevice(), a.getSubjectId(), a.getJurisdiction(), a.getDay(), a.getCode(), a.getTitle(),
                    basis == null ? a.getLegalBasis() : basis, a.getRule(), at(a.getRaisedAt(), zone), a.getLevel(),
                    a.getSince() == null ? null : at(a.getSince(), zone), a.getMessage(),
                    a.getHours().stream().map(HourView::of).toList());
        }
    }

    public record TraceLine(String rule, String file, long fired) {}

    /** What a stream came to. */
    public record Result(String rulesetVersion, List<AlarmView> alarms, List<HourView> hours, List<TraceLine> trace) {}

    /** Reads a stream strictly: unknown fields, a reading with neither or both of at and from, a run too long are refused by field. */
    public static Stream read(RequestReader reader, String body) {
        Stream s = reader.parse(body, Stream.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(s));
        if (errors.isEmpty()) {
            long total = 0;
            for (int i = 0; i < s.readings().size(); i++) {
                ReadingIn r = s.readings().get(i);
                if ((r.at() == null) == (r.from() == null)) {
                    errors.add(new FieldError("readings[" + i + "].at", "a reading names either at, or from with count"));
                } else if (r.from() == null && (r.count() != null || r.everySeconds() != null)) {
                    errors.add(new FieldError("readings[" + i + "].count", "count and everySeconds go with from"));
                } else if (r.from() != null && r.count() == null) {
                    errors.add(new FieldError("readings[" + i + "].count", "a run from a time needs its count"));
                }
                total += r.count() == null ? 1 : r.count();
            }
            if (total > MAX_READINGS) {
                errors.add(new FieldError("readings", "at most " + MAX_READINGS + " readings in one stream, not " + total));
            }
            if (s.device().parameter() != null && !List.of("PM10", "TSP").contains(s.device().parameter())) {
                errors.add(new FieldError("device.parameter", "must be PM10 or TSP"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The stream is invalid", errors);
        }
        return s;
    }

    /** Judges a stream under the ruleset's stream rules. */
    public static Result judge(Ruleset ruleset, Stream s) {
        int interval = s.device().intervalSeconds() == null ? 60 : s.device().intervalSeconds();
        List<Instant[]> expanded = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ReadingIn r : s.readings()) {
            if (r.at() != null) {
                expanded.add(new Instant[] {r.at().toInstant()});
                values.add(r.valueUgM3());
            } else {
                int every = r.everySeconds() == null ? interval : r.everySeconds();
                for (int i = 0; i < r.count(); i++) {
                    expanded.add(new Instant[] {r.from().toInstant().plusSeconds((long) i * every)});
                    values.add(r.valueUgM3());
                }
            }
        }
        Instant start = expanded.stream().map(a -> a[0]).min(Comparator.naturalOrder()).orElseThrow();
        if (s.clock() != null && s.clock().toInstant().isBefore(start)) {
            start = s.clock().toInstant();
        }
        StreamJudge judge = StreamJudge.open(ruleset, start.minus(Duration.ofMinutes(1)))
                .orElseThrow(() -> new IllegalStateException("the rules hold no stream rules (rules/" + RulesetLoader.STREAM_FOLDER + ")"));
        try (judge) {
            judge.monitor(new Monitor(s.device().id(), s.device().subjectId() == null ? s.device().id() : s.device().subjectId(),
                    s.device().jurisdiction(), s.device().parameter() == null ? "PM10" : s.device().parameter(), interval));
            List<CountyMeanIn> later = new ArrayList<>();
            if (s.countyMeans() != null) {
                for (CountyMeanIn c : s.countyMeans()) {
                    if (c.receivedAt() == null) {
                        judge.countyMean(s.device().jurisdiction(), c.hour().toInstant(), c.valueUgM3());
                    } else {
                        later.add(c);
                    }
                }
            }
            later.sort(Comparator.comparing(c -> c.receivedAt().toInstant()));
            for (int i = 0; i < expanded.size(); i++) {
                Instant at = expanded.get(i)[0];
                while (!later.isEmpty() && !later.get(0).receivedAt().toInstant().isAfter(at)) {
                    CountyMeanIn c = later.remove(0);
                    judge.advanceTo(c.receivedAt().toInstant());
                    judge.countyMean(s.device().jurisdiction(), c.hour().toInstant(), c.valueUgM3());
                }
                judge.advanceTo(at);
                judge.reading(s.device().id(), at, values.get(i));
            }
            for (CountyMeanIn c : later) {
                judge.advanceTo(c.receivedAt().toInstant());
                judge.countyMean(s.device().jurisdiction(), c.hour().toInstant(), c.valueUgM3());
            }
            if (s.clock() != null) {
                judge.advanceTo(s.clock().toInstant());
            }
            ZoneId zone = ruleset.calendar().zone() == null ? ZoneOffset.UTC : ruleset.calendar().zone();
            List<TraceLine> trace = new ArrayList<>();
            for (Map.Entry<String, Long> f : judge.fired().entrySet()) {
                trace.add(new TraceLine(f.getKey(), ruleset.ruleFiles().get(f.getKey()), f.getValue()));
            }
            return new Result(ruleset.version(), judge.alarms().stream().map(a -> AlarmView.of(a, zone, ruleset)).toList(),
                    judge.hours().stream().map(HourView::of).toList(), trace);
        }
    }

    static OffsetDateTime at(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).toOffsetDateTime();
    }

    static Double round(Double v) {
        return v == null ? null : Math.round(v * 10.0) / 10.0;
    }

    static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
