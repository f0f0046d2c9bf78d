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
import org.jboss.logging.Logger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** How old a reading the long-lived session takes, by its own clock: well within the 26 h the rules keep one. */
    static final Duration LIVE_WINDOW = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(MonitoringJudge.class);

    @Inject
    ActiveRuleset rules;

    @Inject
    MonitorStore store;

    @Inject
    Clock clock;

    private StreamJudge judge;

    /**
     * Runs {@code work} on the judge (built or rebuilt first when needed), its clock moved to now, and answers the alarms
     * it changed. When the rules fail on the way, the session is not kept half-applied: it is dropped and built again
     * from the store (which holds what the work was about), and the alarms of that rebuild are the answer.
     */
    public synchronized List<MonitorAlarm> apply(Consumer<StreamJudge> work) {
        StreamJudge j = current();
        if (j == null) {
            return List.of();
        }
        try {
            j.advanceTo(clock.instant());
            work.accept(j);
            j.advanceTo(clock.instant());
            return j.drainChanged();
        } catch (RuntimeException e) {
            LOG.error("the stream rules failed; the judging is built again from the store", e);
            discard();
            try {
                StreamJudge again = current();
                return again == null ? List.of() : again.drainChanged();
            } catch (RuntimeException twice) {
                discard();
                throw twice;
            }
        }
    }

    /**
     * A device's new readings, in time order. Those within the day the session keeps go into it; older ones (a
     * backfill, a device's buffer after an outage) are judged on their own, in a session of the device alone over the
     * local days they fall in: its stored readings of those days, the county means, and its next reading after them
     * (or, when it sent none since, the service's clock), so that each past hour is judged once with all its readings
     * and a silence is found only between readings the device sent. The long-lived session never holds an event
     * older than it keeps.
     */
    public synchronized List<MonitorAlarm> readings(Monitor monitor, List<MonitorStore.Reading> inOrder) {
        StreamJudge live = current();
        if (live == null) {
            return List.of();
        }
        live.advanceTo(clock.instant());
        Instant liveFrom = live.now().minus(LIVE_WINDOW);
        List<MonitorStore.Reading> old = inOrder.stream().filter(r -> r.at().isBefore(liveFrom)).toList();
        List<MonitorStore.Reading> recent = inOrder.stream().filter(r -> !r.at().isBefore(liveFrom)).toList();
        List<MonitorAlarm> out = new ArrayList<>();
        if (!old.isEmpty()) {
            out.addAll(backfill(live.ruleset(), monitor, old));
        }
        if (!recent.isEmpty()) {
            out.addAll(apply(j -> {
                if (!j.knows(monitor.id())) {
                    j.monitor(monitor);
                }
                j.readings(monitor.id(), recent.stream().map(MonitorStore.Reading::at).toList(),
                        recent.stream().map(MonitorStore.Reading::valueUgM3).toList());
            }));
        }
        return out;
    }

    private List<MonitorAlarm> backfill(Ruleset serving, Monitor monitor, List<MonitorStore.Reading> old) {
        ZoneId zone = zone();
        Instant from = old.get(0).at().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        Instant to = old.get(old.size() - 1).at().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()
                .minusMillis(1);
        List<MonitorStore.Reading> readings = new ArrayList<>();
        store.readings(monitor.id(), from, to).forEach((at, v) -> readings.add(new MonitorStore.Reading(at, v)));
        readings.sort(Comparator.comparing(MonitorStore.Reading::at));
        java.util.Optional<MonitorStore.Reading> next = store.firstReadingAfter(monitor.id(), to);
        next.ifPresent(readings::add);
        try (StreamJudge t = StreamJudge.open(serving, from.minusSeconds(60)).orElseThrow()) {
            t.monitor(monitor);
            for (MonitorStore.Background b : store.backgroundsSince(from.minus(Duration.ofHours(1)))) {
                if (b.jurisdiction().equals(monitor.jurisdiction()) && b.hourStart().isBefore(to)) {
                    t.countyMean(b.jurisdiction(), b.hourStart(), b.valueUgM3());
                }
            }
            for (MonitorStore.Reading r : readings) {
                t.advanceTo(r.at());
                t.reading(monitor.id(), r.at(), r.valueUgM3());
            }
            if (next.isEmpty()) {
                t.advanceTo(clock.instant());
            }
            return t.drainChanged();
        } catch (RuntimeException e) {
            // the backfill's readings are kept; what its judging would have raised is logged, the live session untouched
            LOG.error("the stream rules failed on a backfill of " + monitor.id() + " from " + from + "; its readings are kept unjudged", e);
            return List.of();
        }
    }

    private void discard() {
        if (judge != null) {
            try {
                judge.close();
            } catch (RuntimeException ignored) {
                // a session that failed may fail to close; it is dropped either way
            }
            judge = null;
        }
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
