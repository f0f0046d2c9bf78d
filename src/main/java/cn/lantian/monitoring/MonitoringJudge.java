package cn.lantian.monitoring;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.MonitoringStream;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.StreamJudge;
import cn.lantian.fact.Monitor;
import cn.lantian.fact.MonitorAlarm;
import cn.lantian.store.MonitorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * The service's one judging state of the stream rules, in memory: a {@link StreamJudge} of the ruleset serving,
 * its clock the service's injected clock. It is built, at first use and whenever another ruleset serves, from the
 * store: every monitor, the county means of the last two days and the readings of the last 27 hours, fed in time
 * order (so a restart judges again what was judged, and the alarms come out the same). Calls take turns.
 */
@ApplicationScoped
public class MonitoringJudge {
    /** How far back a rebuild reads: longer than the rules keep a reading (26 h) and an hour (50 h). */
    static final Duration READINGS_BACK = Duration.ofHours(27);
    static final Duration MEANS_BACK = Duration.ofHours(50);

    @Inject
    ActiveRuleset rules;

    @Inject
    MonitorStore store;

    @Inject
    Clock clock;

    private StreamJudge judge;

    /** Runs {@code work} on the judge (built or rebuilt first when needed), its clock moved to now, and answers the alarms it changed. */
    public synchronized List<MonitorAlarm> apply(Consumer<StreamJudge> work) {
        StreamJudge j = current();
        if (j == null) {
            return List.of();
        }
        j.advanceTo(clock.instant());
        work.accept(j);
        j.advanceTo(clock.instant());
        return j.drainChanged();
    }

    /** The judging built again from the store, as after a restart: the alarms it raised on the way. */
    public synchronized List<MonitorAlarm> rebuild() {
        if (judge != null) {
            judge.close();
            judge = null;
        }
        StreamJudge j = current();
        return j == null ? List.of() : j.drainChanged();
    }

    /** The zone the rules' calendar reads times in. */
    public ZoneId zone() {
        Ruleset r = rules.get();
        return r.calendar().zone() == null ? ZoneOffset.UTC : r.calendar().zone();
    }

    public MonitoringStream.AlarmView view(MonitorAlarm a) {
        return MonitoringStream.AlarmView.of(a, zone(), rules.get());
    }

    private StreamJudge current() {
        Ruleset serving = rules.get();
        if (judge != null && judge.ruleset() == serving) {
            return judge;
        }
        if (judge != null) {
            judge.close();
            judge = null;
        }
        Instant now = clock.instant();
        List<MonitorStore.DeviceReading> readings = store.readingsSince(now.minus(READINGS_BACK));
        Instant start = readings.isEmpty() ? now : readings.get(0).at();
        StreamJudge j = StreamJudge.open(serving, start.minusSeconds(60)).orElse(null);
        if (j == null) {
            return null;
        }
        store.monitors(null).forEach(m -> j.monitor(monitor(m)));
        store.backgroundsSince(now.minus(MEANS_BACK)).forEach(b -> j.countyMean(b.jurisdiction(), b.hourStart(), b.valueUgM3()));
        for (MonitorStore.DeviceReading r : readings) {
            if (j.knows(r.device())) {
                j.advanceTo(r.at());
                j.reading(r.device(), r.at(), r.valueUgM3());
            }
        }
        j.advanceTo(now);
        judge = j;
        return j;
    }

    static Monitor monitor(MonitorStore.StoredMonitor m) {
        return new Monitor(m.id(), m.subjectId(), m.jurisdiction(), m.parameter(), m.intervalSeconds());
    }
}
