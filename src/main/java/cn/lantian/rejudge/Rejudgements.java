package cn.lantian.rejudge;

import cn.lantian.audit.Comparison;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.store.EvaluationStore;
import cn.lantian.store.StoredEvaluation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The compare at scale: every stored inspection of a jurisdiction decided again, under a candidate ruleset
 * beside the active one, or under the active one beside the decision that was stored, and what changes
 * counted (violations gained and lost by code, subjects that become compliant or not, the fines' sum)
 * with the first changed evaluations as examples. One runs at a time, in the background, with its
 * progress readable while it runs; it reads the store a page at a time and decides each page on every
 * core, so memory holds one page whatever the province's size.
 */
@ApplicationScoped
public class Rejudgements {
    private static final Logger LOG = Logger.getLogger(Rejudgements.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    /** Examples of changed evaluations kept per run. */
    static final int EXAMPLES = 50;
    /** Runs remembered (the running one and the latest finished). */
    static final int KEPT = 20;

    @Inject
    ActiveRuleset rules;

    @Inject
    EvaluationStore evaluations;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    @ConfigProperty(name = "lantian.rejudge.page-size", defaultValue = "1000")
    int pageSize;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "rejudge"));
    private final ExecutorService deciders = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            r -> daemon(r, "rejudge-decide"));
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final AtomicReference<Run> running = new AtomicReference<>();

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A run already under way: one at a time. */
    public static final class Busy extends RuntimeException {
        public final String runId;

        Busy(String runId) {
            super("another rejudgement runs: " + runId);
            this.runId = runId;
        }
    }

    public enum State { RUNNING, DONE, FAILED }

    /** An evaluation whose decision changes: its essence before and after. */
    public record Example(String evaluationId, String subjectId, String jurisdiction, JsonNode before, JsonNode after) {}

    /** What a run has found so far, or in all once it is DONE. */
    public record View(String id, String jurisdiction, String basis, String beforeVersion, String afterVersion,
                       String requestedBy, String reason, State state, Instant startedAt, Instant finishedAt, long total,
                       long decided, long changed, long unreadable, long becameCompliant, long becameNonCompliant,
                       Map<String, Long> violationsGained, Map<String, Long> violationsLost, long finesBeforeYuan,
                       long finesAfterYuan, List<Example> examples, String failure) {}

    /** Under way or done: counters moved by the deciders, read by whoever asks. */
    private final class Run {
        final String id = UUID.randomUUID().toString();
        final String jurisdiction;
        final Ruleset before;
        final Ruleset after;
        final boolean againstStored;
        final String requestedBy;
        final String reason;
        final Instant startedAt = clock.instant();
        volatile Instant finishedAt;
        volatile State state = State.RUNNING;
        volatile String failure;
        volatile long total;
        final AtomicLong decided = new AtomicLong();
        final AtomicLong changed = new AtomicLong();
        final AtomicLong unreadable = new AtomicLong();
        final AtomicLong becameCompliant = new AtomicLong();
        final AtomicLong becameNonCompliant = new AtomicLong();
        final AtomicLong finesBefore = new AtomicLong();
        final AtomicLong finesAfter = new AtomicLong();
        final Map<String, Long> gained = new TreeMap<>();
        final Map<String, Long> lost = new TreeMap<>();
        final List<Example> examples = new ArrayList<>();

        Run(String jurisdiction, Ruleset before, Ruleset after, boolean againstStored, String requestedBy, String reason) {
            this.jurisdiction = jurisdiction;
            this.before = before;
            this.after = after;
            this.againstStored = againstStored;
            this.requestedBy = requestedBy;
            this.reason = reason;
        }

        synchronized View view() {
            return new View(id, jurisdiction, againstStored ? "STORED" : "ACTIVE", againstStored ? null : before.version(),
                    after.version(), requestedBy, reason, state, startedAt, finishedAt, total, decided.get(), changed.get(),
                    unreadable.get(), becameCompliant.get(), becameNonCompliant.get(), new TreeMap<>(gained),
                    new TreeMap<>(lost), finesBefore.get(), finesAfter.get(), List.copyOf(examples), failure);
        }

        synchronized void count(StoredEvaluation e, JsonNode before, JsonNode after) {
            List<String> was = codes(before);
            List<String> now = codes(after);
            now.stream().filter(c -> !was.contains(c)).forEach(c -> gained.merge(c, 1L, Long::sum));
            was.stream().filter(c -> !now.contains(c)).forEach(c -> lost.merge(c, 1L, Long::sum));
            boolean wasCompliant = before.path("compliant").asBoolean(false);
            boolean isCompliant = after.path("compliant").asBoolean(false);
            if (!wasCompliant && isCompliant) {
                becameCompliant.incrementAndGet();
            } else if (wasCompliant && !isCompliant) {
                becameNonCompliant.incrementAndGet();
            }
            if (examples.size() < EXAMPLES) {
                examples.add(new Example(e.id(), e.subjectId(), e.jurisdiction(), before, after));
            }
        }
    }

    /**
     * Starts a run: {@code candidate} null decides every stored inspection under the active rules beside its
     * stored decision; otherwise under the candidate beside the active rules.
     */
    public View start(String jurisdiction, Ruleset candidate, String requestedBy, String reason) {
        Ruleset active = rules.get();
        Run run = new Run(jurisdiction, active, candidate == null ? active : candidate, candidate == null, requestedBy, reason);
        Run other = running.get();
        if (other != null || !running.compareAndSet(null, run)) {
            throw new Busy(Optional.ofNullable(running.get()).map(r -> r.id).orElse(""));
        }
        synchronized (runs) {
            runs.put(run.id, run);
            while (runs.size() > KEPT) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        runner.submit(() -> walk(run));
        return run.view();
    }

    public Optional<View> find(String id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id)).map(Run::view);
        }
    }

    /** The runs remembered, the latest first. */
    public List<View> list() {
        synchronized (runs) {
            List<View> out = new ArrayList<>();
            runs.values().forEach(r -> out.add(0, r.view()));
            return out;
        }
    }

    private void walk(Run run) {
        java.util.concurrent.ExecutorService reading = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rejudge-reader-" + run.id);
            t.setDaemon(true);
            return t;
        });
        try {
            run.total = evaluations.count(run.jurisdiction);
            InspectionReader reader = new InspectionReader(new RequestReader(validator));
            int cores = Runtime.getRuntime().availableProcessors();
            // the next page is read while this one is decided: two pages in memory at most
            java.util.concurrent.CompletableFuture<List<StoredEvaluation>> next = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> evaluations.pageAfter(run.jurisdiction, null, pageSize), reading);
            while (true) {
                List<StoredEvaluation> page = next.join();
                if (page.isEmpty()) {
                    break;
                }
                String after = page.get(page.size() - 1).id();
                next = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> evaluations.pageAfter(run.jurisdiction, after, pageSize), reading);
                int slice = (page.size() + cores - 1) / cores;
                List<Future<?>> parts = new ArrayList<>();
                for (int from = 0; from < page.size(); from += slice) {
                    List<StoredEvaluation> part = page.subList(from, Math.min(page.size(), from + slice));
                    parts.add(deciders.submit(() -> part.forEach(e -> decide(run, reader, e))));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
            }
            run.state = State.DONE;
        } catch (Exception thrown) {
            // a page read on the reader's thread fails as a CompletionException: its cause is what went wrong
            Throwable e = thrown instanceof java.util.concurrent.CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            LOG.errorf(e, "rejudgement %s failed", run.id);
            run.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            run.state = State.FAILED;
        } finally {
            reading.shutdownNow();
            run.finishedAt = clock.instant();
            running.compareAndSet(run, null);
        }
    }

    private void decide(Run run, InspectionReader reader, StoredEvaluation e) {
        JsonNode before;
        JsonNode after;
        try {
            before = canonical(run.againstStored ? Comparison.essence(JSON.readTree(e.decision()))
                    : Comparison.essence(JSON.valueToTree(Evaluator.evaluate(run.before, reader.read(e.inspection(), run.before)))));
            after = canonical(Comparison.essence(JSON.valueToTree(Evaluator.evaluate(run.after, reader.read(e.inspection(), run.after)))));
        } catch (Exception unreadable) {
            // A record the rules no longer read (a field since refused): counted, not a failure of the run.
            run.unreadable.incrementAndGet();
            run.decided.incrementAndGet();
            return;
        }
        run.finesBefore.addAndGet(fines(before));
        run.finesAfter.addAndGet(fines(after));
        // as text: a number read back from the store is an int where the decision made now holds a long
        if (!before.toString().equals(after.toString())) {
            run.changed.incrementAndGet();
            run.count(e, before, after);
        }
        run.decided.incrementAndGet();
    }

    /**
     * The essence with its lists in one order: a decision lists its penalties in the order the rules fired,
     * which is no part of what it decides, and a stored decision may list them otherwise.
     */
    static JsonNode canonical(JsonNode essence) {
        if (essence instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            for (String list : List.of("violations", "orders", "penalties")) {
                if (object.get(list) instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
                    array.forEach(entry -> List.of("measures", "violations").forEach(inner -> sort(entry.get(inner))));
                    sort(array);
                }
            }
        }
        return essence;
    }

    private static void sort(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            List<JsonNode> entries = new ArrayList<>();
            array.forEach(entries::add);
            entries.sort(java.util.Comparator.comparing(JsonNode::toString));
            array.removeAll();
            array.addAll(entries);
        }
    }

    private static List<String> codes(JsonNode essence) {
        List<String> codes = new ArrayList<>();
        essence.path("violations").forEach(v -> codes.add(v.asText()));
        return codes;
    }

    private static long fines(JsonNode essence) {
        long sum = 0;
        for (JsonNode p : essence.path("penalties")) {
            sum += p.path("recommendedFineYuan").asLong(0);
        }
        return sum;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        deciders.shutdownNow();
    }
}
