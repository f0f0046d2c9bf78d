package cn.lantian.metrics;

import cn.lantian.engine.Decision;
import cn.lantian.engine.LabelKinds;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetActivated;
import cn.lantian.fact.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the service reports to Prometheus ({@code /q/metrics}) beside the JVM's and the HTTP server's own:
 * <ul>
 *   <li>{@code lantian_decisions_total{jurisdiction, compliant, recorded}}: the evaluations decided and
 *       answered through the API (a preview is {@code recorded="false"});</li>
 *   <li>{@code lantian_decision_violations_total{jurisdiction, code}}: the violations of those decisions,
 *       each code counted once per decision;</li>
 *   <li>{@code lantian_rules_run_seconds}: the rules' run for one of those decisions (a histogram);</li>
 *   <li>{@code lantian_ruleset_active{version}}: 1 for the ruleset serving now (its version a tag);</li>
 *   <li>{@code lantian_store_latency_seconds{operation}}: the store's work, by step: a call's SQL on its
 *       connection ({@code statement}, taking the connection from the pool included), a commit
 *       ({@code commit}), and the wait for a commit to be on the disk ({@code sync}, the embedded H2
 *       only; commits share a sync).</li>
 *   <li>{@code lantian_monitoring_kafka_accepted_total}: the readings messages taken from Kafka and kept
 *       (cn.lantian.monitoring.ReadingsConsumer), and {@code lantian_monitoring_kafka_readings_total{kind}} the
 *       readings they carried, {@code new} or {@code duplicate} (sent before);</li>
 *   <li>{@code lantian_monitoring_kafka_rejected_total{reason}}: the messages refused and acknowledged, never to
 *       be read again: {@code unreadable} (not the JSON of a batch), {@code unknown_device}, {@code invalid}
 *       (a reading refused, as the HTTP API would with a 400), {@code conflict} (a reading kept before with
 *       another value, the HTTP API's 409), {@code error} (a fault of the service, logged with its trace);</li>
 *   <li>{@code lantian_monitoring_kafka_nacked_total}: the messages not acknowledged because the store was out
 *       of reach (read again from the last committed offset).</li>
 * </ul>
 * The hot path makes no registry look-up and no string: each counter is looked up once per tag values in
 * a map of its own, keyed by a record of them. A jurisdiction tag is one of the labels table's
 * jurisdictions, {@code other} for any other name a request gives (a tag per free text would let requests
 * grow the registry without end), or {@code none}.
 */
@ApplicationScoped
public class ServiceMetrics {
    static final String NONE = "none";
    static final String OTHER = "other";

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private Timer ruleRun;
    private Timer storeStatement;
    private Timer storeCommit;
    private Timer storeSync;
    private MultiGauge activeRuleset;

    private record DecisionKey(String jurisdiction, boolean compliant, boolean recorded) {}

    private record ViolationKey(String jurisdiction, String code) {}

    /** The jurisdictions a tag may name, as the ruleset serving defines them. */
    private record Known(Ruleset ruleset, Set<String> jurisdictions) {}

    /** Why a message of the readings topic was refused (the tag {@code reason}). */
    public enum ReadingsRejection {
        UNREADABLE, UNKNOWN_DEVICE, INVALID, CONFLICT, ERROR;

        /** The tag's value: {@code unknown_device}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ConcurrentHashMap<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ViolationKey, Counter> violations = new ConcurrentHashMap<>();
    private volatile Known known = new Known(null, Set.of());
    private final Map<ReadingsRejection, Counter> kafkaRejected = new EnumMap<>(ReadingsRejection.class);
    private Counter kafkaAccepted;
    private Counter kafkaNew;
    private Counter kafkaDuplicates;
    private Counter kafkaNacked;

    @PostConstruct
    void register() {
        ruleRun = Timer.builder("lantian.rules.run")
                .description("The rules' run for one decision of the API (from the record read to the decision)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        storeStatement = storeTimer("statement");
        storeCommit = storeTimer("commit");
        storeSync = storeTimer("sync");
        activeRuleset = MultiGauge.builder("lantian.ruleset.active")
                .description("1 for the ruleset serving, its version in the tag")
                .register(registry);
        kafkaAccepted = Counter.builder("lantian.monitoring.kafka.accepted")
                .description("Readings messages taken from Kafka and kept")
                .register(registry);
        kafkaNew = kafkaReadings("new");
        kafkaDuplicates = kafkaReadings("duplicate");
        for (ReadingsRejection reason : ReadingsRejection.values()) {
            kafkaRejected.put(reason, Counter.builder("lantian.monitoring.kafka.rejected")
                    .description("Readings messages from Kafka refused and acknowledged, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
        kafkaNacked = Counter.builder("lantian.monitoring.kafka.nacked")
                .description("Readings messages from Kafka not acknowledged: the store was out of reach")
                .register(registry);
    }

    private Counter kafkaReadings(String kind) {
        return Counter.builder("lantian.monitoring.kafka.readings")
                .description("Readings carried by the messages kept from Kafka: new, or sent before (duplicate)")
                .tag("kind", kind)
                .register(registry);
    }

    private Timer storeTimer(String operation) {
        // one description for the name: Prometheus keeps one per metric, whatever its tags
        return Timer.builder("lantian.store.latency")
                .description("The store's work: a call's SQL on its connection (statement), a commit, the wait for the disk (sync)")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    void activated(@Observes RulesetActivated event) {
        activeRuleset.register(List.of(MultiGauge.Row.of(Tags.of("version", event.ruleset().version()), 1)), true);
    }

    /** One run of the rules for a decision of the API, in nanoseconds. */
    public void ruleRun(long nanos) {
        ruleRun.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void storeStatement(long nanos) {
        storeStatement.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void storeCommit(long nanos) {
        storeCommit.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void storeSync(long nanos) {
        storeSync.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A readings message from Kafka kept: {@code fresh} readings new, {@code duplicates} sent before. */
    public void kafkaAccepted(int fresh, int duplicates) {
        kafkaAccepted.increment();
        kafkaNew.increment(fresh);
        kafkaDuplicates.increment(duplicates);
    }

    /** A readings message from Kafka refused, and acknowledged. */
    public void kafkaRejected(ReadingsRejection reason) {
        kafkaRejected.get(reason).increment();
    }

    /** A readings message from Kafka not acknowledged (the store out of reach). */
    public void kafkaNacked() {
        kafkaNacked.increment();
    }

    /** A decision answered through the API, under {@code ruleset}, about a subject of {@code jurisdiction}. */
    public void decided(Ruleset ruleset, String jurisdiction, Decision decision, boolean recorded) {
        String tag = jurisdictionTag(ruleset, jurisdiction);
        decisions.computeIfAbsent(new DecisionKey(tag, decision.compliant(), recorded), k -> Counter.builder("lantian.decisions")
                .description("Evaluations decided and answered through the API")
                .tags("jurisdiction", k.jurisdiction(), "compliant", Boolean.toString(k.compliant()),
                        "recorded", Boolean.toString(k.recorded()))
                .register(registry)).increment();
        List<Violation> found = decision.violations();
        for (int i = 0; i < found.size(); i++) {
            String code = found.get(i).code();
            if (!earlier(found, i, code)) {
                violations.computeIfAbsent(new ViolationKey(tag, code), k -> Counter.builder("lantian.decision.violations")
                        .description("Violations of the decisions answered through the API, each code once a decision")
                        .tags("jurisdiction", k.jurisdiction(), "code", k.code())
                        .register(registry)).increment();
            }
        }
    }

    private static boolean earlier(List<Violation> found, int i, String code) {
        for (int j = 0; j < i; j++) {
            if (found.get(j).code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private String jurisdictionTag(Ruleset ruleset, String jurisdiction) {
        if (jurisdiction == null) {
            return NONE;
        }
        Known k = known;
        if (k.ruleset() != ruleset) {
            k = new Known(ruleset, Set.copyOf(ruleset.referenceToday(clock).labelsByKind()
                    .getOrDefault(LabelKinds.JURISDICTION, java.util.Map.of()).keySet()));
            known = k;
        }
        return k.jurisdictions().contains(jurisdiction) ? jurisdiction : OTHER;
    }
}
