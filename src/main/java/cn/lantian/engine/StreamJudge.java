package cn.lantian.engine;

import cn.lantian.fact.CountyMean;
import cn.lantian.fact.LatestReading;
import cn.lantian.fact.Monitor;
import cn.lantian.fact.MonitorAlarm;
import cn.lantian.fact.MonitorHour;
import cn.lantian.fact.MonitorReading;
import cn.lantian.fact.Reference;
import cn.lantian.fact.StreamClock;
import cn.lantian.fact.TableReads;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * The mechanism of the stream rules (rules/monitoring/): one long-lived Drools session of the ruleset's STREAM
 * KieBase with a pseudo clock, fed the monitors, the county means and the readings as events, and moved forward
 * in time by the caller (the service's injected clock, or a stream's own times), never by the wall clock. What
 * exceeds, what counts and which windows apply is the rules' and their tables'; this class inserts, moves the
 * clock, fires, and collects the alarms the rules raised or updated. Events expire as the rules declare, so the
 * memory it holds is bounded by the readings of the last day per monitor.
 *
 * <p>Not thread-safe: one caller at a time (the service serialises its calls).
 */
public final class StreamJudge implements AutoCloseable {
    private static final long MINUTE = 60_000L;
    /** The longest step the clock moves at once: far shorter than any event is kept. */
    private static final long STEP = 3_600_000L;

    private final Ruleset ruleset;
    private final KieSession session;
    private final SessionPseudoClock pseudo;
    private final StreamClock clock;
    private final FactHandle clockHandle;
    private final Map<String, FactHandle> monitors = new HashMap<>();
    private final Map<String, FactHandle> countyMeans = new HashMap<>();
    private final Map<String, FactHandle> latest = new HashMap<>();
    private final Set<MonitorAlarm> changed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Long> fired = new LinkedHashMap<>();
    private LocalDate referenceDay;
    private Reference reference;

    private StreamJudge(Ruleset ruleset, Instant start) {
        this.ruleset = ruleset;
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(ClockTypeOption.PSEUDO);
        session = ruleset.streamBase().newKieSession(conf, null);
        pseudo = session.getSessionClock();
        pseudo.advanceTime(start.toEpochMilli() - pseudo.getCurrentTime(), TimeUnit.MILLISECONDS);
        setReference(start);
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.merge(event.getMatch().getRule().getName(), 1L, Long::sum);
                if (TableReads.collecting()) {
                    // a fixture run's row coverage: the rows the fired rule matched, and the article it cites
                    TableReads.readAll(event.getMatch().getObjects());
                    Object basis = event.getMatch().getRule().getMetaData().get("legalBasis");
                    if (basis != null) {
                        reference.basisInForce(basis.toString());
                    }
                }
            }
        });
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof MonitorAlarm a) {
                    changed.add(a);
                }
            }

            @Override
            public void objectUpdated(ObjectUpdatedEvent event) {
                if (event.getObject() instanceof MonitorAlarm a) {
                    changed.add(a);
                }
            }
        });
        clock = new StreamClock(minute(start.toEpochMilli()));
        clockHandle = session.insert(clock);
    }

    /** A judge of the ruleset's stream rules, its clock at {@code start}; empty when the ruleset has none. */
    public static java.util.Optional<StreamJudge> open(Ruleset ruleset, Instant start) {
        return ruleset.streamBase() == null ? java.util.Optional.empty() : java.util.Optional.of(new StreamJudge(ruleset, start));
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    /** The time the rules stand at. */
    public Instant now() {
        return Instant.ofEpochMilli(pseudo.getCurrentTime());
    }

    /** A monitor registered or changed. */
    public void monitor(Monitor m) {
        FactHandle h = monitors.get(m.id());
        if (h == null) {
            monitors.put(m.id(), session.insert(m));
        } else {
            session.update(h, m);
        }
        fire();
    }

    public boolean knows(String device) {
        return monitors.containsKey(device);
    }

    /** The county's mean for the local hour starting at {@code hourStart}, new or replacing the one before. */
    public void countyMean(String jurisdiction, Instant hourStart, double valueUgM3) {
        String key = jurisdiction + "\0" + hourStart.toEpochMilli();
        FactHandle old = countyMeans.remove(key);
        if (old != null && session.getObject(old) != null) {
            session.delete(old);
        }
        countyMeans.put(key, session.insert(new CountyMean(jurisdiction, hourStart.toEpochMilli(), valueUgM3)));
        fire();
        countyMeans.values().removeIf(h -> session.getObject(h) == null); // expired
    }

    /** One reading of a registered monitor (a reading of an unknown one is the caller's mistake). */
    public void reading(String device, Instant at, double valueUgM3) {
        readings(device, List.of(at), List.of(valueUgM3));
    }

    /**
     * A batch of one monitor's readings as it arrived, all inserted before the rules fire: a batch that reaches the
     * service after its own times is judged as the readings it holds, not as a silence followed by readings. The
     * monitor's latest reading moves once for the batch, through its readings in time order (a run of one value that
     * ended within the batch is shown to the rules as it ended, all the batch's readings inserted already), rather than
     * the rules stepping it reading by reading against every reading of the day.
     */
    public void readings(String device, List<Instant> times, List<Double> values) {
        Integer[] order = new Integer[times.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            long t = times.get(i).toEpochMilli();
            session.insert(new MonitorReading(device, t, values.get(i), reference.hourStartOf(t)));
        }
        java.util.Arrays.sort(order, Comparator.comparing(times::get));
        FactHandle handle = latest.get(device);
        LatestReading l = handle == null ? null : (LatestReading) session.getObject(handle);
        boolean moved = false;
        for (int i : order) {
            long t = times.get(i).toEpochMilli();
            double v = values.get(i);
            if (l == null) {
                l = new LatestReading(device, t, v, t);
                handle = session.insert(l);
                latest.put(device, handle);
            } else if (t <= l.getAt()) {
                continue;
            } else if (v == l.getValueUgM3()) {
                l.setAt(t);
                moved = true;
            } else {
                if (moved && l.getAt() > l.getSameSince() && l.getSuspectFor() != l.getSameSince()) {
                    // a run of one value ends within the batch: the rules see it whole before the value changes
                    session.update(handle, l);
                    fire();
                }
                l.setSameSince(t);
                l.setValueUgM3(v);
                l.setAt(t);
                moved = true;
            }
        }
        if (moved) {
            session.update(handle, l);
        }
        fire();
    }

    /**
     * Moves the rules' clock forward to {@code t} (never back): hours fall due, silences are found, events expire. A long
     * way (a backfill's session moved to now) is gone an hour at a time, so that what falls due on the way is judged
     * before the events it needs expire.
     */
    public void advanceTo(Instant t) {
        long target = t.toEpochMilli();
        for (long current = pseudo.getCurrentTime(); current < target; current = pseudo.getCurrentTime()) {
            step(Math.min(target, current + STEP));
        }
    }

    private void step(long target) {
        long current = pseudo.getCurrentTime();
        pseudo.advanceTime(target - current, TimeUnit.MILLISECONDS);
        setReference(Instant.ofEpochMilli(target));
        // the clock fact moves a minute at a time: a rule that reads it is judged again once a minute, not per reading
        long m = minute(target);
        if (m != clock.getMillis()) {
            clock.setMillis(m);
            session.update(clockHandle, clock);
        }
        fire();
    }

    /** The alarms raised or updated since the last call, oldest first. */
    public List<MonitorAlarm> drainChanged() {
        List<MonitorAlarm> out = new ArrayList<>(changed);
        changed.clear();
        out.sort(Comparator.comparingLong(MonitorAlarm::getRaisedAt).thenComparing(MonitorAlarm::getCode));
        return out;
    }

    /** Every alarm the session still holds, oldest first. */
    public List<MonitorAlarm> alarms() {
        List<MonitorAlarm> out = new ArrayList<>();
        for (Object o : session.getObjects(o -> o instanceof MonitorAlarm)) {
            out.add((MonitorAlarm) o);
        }
        out.sort(Comparator.comparingLong(MonitorAlarm::getRaisedAt).thenComparing(MonitorAlarm::getCode));
        return out;
    }

    /** Every judged hour the session still holds, by monitor and time. */
    public List<MonitorHour> hours() {
        List<MonitorHour> out = new ArrayList<>();
        for (Object o : session.getObjects(o -> o instanceof MonitorHour)) {
            out.add((MonitorHour) o);
        }
        out.sort(Comparator.comparing(MonitorHour::getDevice).thenComparingLong(MonitorHour::getHourStart));
        return out;
    }

    /** How many times each rule fired since the judge opened. */
    public Map<String, Long> fired() {
        return Collections.unmodifiableMap(fired);
    }

    /** The facts and events the session holds: what expiry keeps bounded. */
    public long factCount() {
        return session.getFactCount();
    }

    private void fire() {
        int limit = RuleRun.FIRING_LIMIT;
        Map<String, Long> before = new HashMap<>(fired);
        if (session.fireAllRules(limit) >= limit && session.fireAllRules(1) > 0) {
            String most = fired.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                    .map(e -> "\"" + e.getKey() + "\" " + e.getValue() + " times").collect(java.util.stream.Collectors.joining(", "));
            throw new FiringLimitException("the stream rules fired " + limit + " times on one event without coming to rest ("
                    + RuleRun.FIRING_LIMIT_KEY + "); fired most: " + most);
        }
    }

    private void setReference(Instant t) {
        LocalDate day = ruleset.calendar().zone() == null ? LocalDate.ofInstant(t, java.time.ZoneOffset.UTC)
                : LocalDate.ofInstant(t, ruleset.calendar().zone());
        if (!day.equals(referenceDay)) {
            referenceDay = day;
            reference = ruleset.referenceAt(day);
            session.setGlobal(Evaluator.REFERENCE_GLOBAL, reference);
        }
    }

    private static long minute(long millis) {
        return Math.floorDiv(millis, MINUTE) * MINUTE;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
