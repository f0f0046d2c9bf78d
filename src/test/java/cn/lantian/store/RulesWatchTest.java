package cn.lantian.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import cn.lantian.audit.RulesetContent;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.RuleFolder;
import cn.lantian.engine.RulesetException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every instance serves the active version: another instance's activation is written into the store behind this
 * instance's back (through {@link RulesetVersionStore}, as that instance would), and this one switches to it
 * within a few seconds while a steady stream of evaluations keeps being answered, each naming the version whose
 * rules decided it (a lowered PM10 limit: a reading of 130 µg/m³ passes under the old rules and exceeds under
 * the new). A version that does not compile here is refused and the old rules keep serving. On a store of its
 * own ({@code target/test-data-watch}, started afresh); on PostgreSQL too, where the switch is woken by NOTIFY.
 */
@QuarkusTest
@TestProfile(RulesWatchTest.OwnStore.class)
class RulesWatchTest {
    static final Path DATA = Path.of("target", "test-data-watch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = LedgerTest.site("S-WATCH-1", "zhengzhou", "2026-12-14T10:30:00+08:00",
            "{\"stockpiles\": {\"count\": 4, \"covered\": 4}, \"pm10HourlyUgM3\": 130}");

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (Files.exists(DATA)) {
                    try (var old = Files.walk(DATA)) {
                        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(DATA);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lantian.data.dir", "./" + DATA, "lantian.rules.watch", "500ms", "lantian.rules.prepare-wait", "2S");
        }
    }

    @Inject
    RulesetVersionStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetInstanceStore instances;

    @Inject
    cn.lantian.service.RulesWatch watch;

    @Inject
    cn.lantian.cluster.ClusterJobs cluster;

    @Inject
    java.time.Clock clock;

    @TestHTTPResource("/api/v1/evaluations?record=false")
    URL evaluations;

    /** What serves at the start, put back after each test (as another instance's rollback would). */
    private Long startVersion;

    /** One answer of the steady stream: its status, the version it names and whether PM10 was exceeded. */
    record Answer(long at, int status, String rulesetVersion, boolean pm10Exceeded) {}

    @AfterEach
    void putTheFirstVersionBack() throws Exception {
        if (startVersion == null) {
            return;
        }
        long serving = store.active().orElseThrow().version();
        if (serving != startVersion) {
            store.activate(serving, null, startVersion, "other-instance", "测试结束：回到首个版本", "RULESET_ROLLED_BACK", Map.of());
        }
        waitFor(() -> startVersion.equals(active.served().version()), Duration.ofSeconds(20));
    }

    @Test
    void anActivationMadeElsewhereServesHereWithinSecondsWhileEveryRequestIsAnswered() throws Exception {
        ActiveRuleset.Served before = active.served();
        startVersion = before.version();
        String oldVersion = before.ruleset().version();
        Map<String, String> rules = new TreeMap<>(before.rules());
        String parameters = rules.get("dust/parameters.csv");
        assertTrue(parameters.contains("pm10.hourlyLimit,150,"), "the shipped PM10 limit is 150");
        rules.put("dust/parameters.csv", parameters.replace("pm10.hourlyLimit,150,", "pm10.hourlyLimit,120,"));
        // the other instance compiled it before activating it (its gate): so does the test, for the rules' hash
        String newVersion = active.loader().load(new RuleFolder(rules, List.of())).version();

        Load load = new Load();
        load.start();
        try {
            waitFor(() -> load.answers().size() >= 5, Duration.ofSeconds(20));
            activateElsewhere(rules, before.fixtures(), newVersion, "另一实例：PM10 限值降为 120");
            long activated = System.nanoTime();
            waitFor(() -> load.answers().stream().anyMatch(a -> a.at() > activated && newVersion.equals(a.rulesetVersion())),
                    Duration.ofSeconds(20));
            long switched = load.answers().stream().filter(a -> a.at() > activated && newVersion.equals(a.rulesetVersion()))
                    .mapToLong(Answer::at).min().orElseThrow();
            Thread.sleep(500);
            long ms = (switched - activated) / 1_000_000;
            System.out.printf("the instance answered with the new version %d ms after the activation%n", ms);
            // the compile dominates: 4-16 s measured here while other builds shared the two cores
            assertTrue(ms < 20_000, "switched after " + ms + " ms");
        } finally {
            load.stop();
        }
        List<Answer> answers = load.answers();
        assertTrue(answers.stream().allMatch(a -> a.status() == 200), "every request answered 200: " + answers.stream()
                .filter(a -> a.status() != 200).limit(3).toList());
        assertTrue(answers.stream().anyMatch(a -> oldVersion.equals(a.rulesetVersion())), "answers before the switch");
        for (Answer a : answers) {
            assertTrue(a.rulesetVersion().equals(oldVersion) || a.rulesetVersion().equals(newVersion), a.toString());
            // each answer names the rules that decided it: 130 exceeds only the new limit of 120
            assertEquals(a.rulesetVersion().equals(newVersion), a.pm10Exceeded(), a.toString());
        }
        assertEquals(newVersion, answers.get(answers.size() - 1).rulesetVersion(), "the last answers are the new version's");
        long stored = store.active().orElseThrow().version();
        given().get("/api/v1/ruleset").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(newVersion))
                .body("storedVersion", org.hamcrest.Matchers.equalTo((int) stored));
    }

    @Test
    void aVersionThatDoesNotCompileHereLeavesTheOldRulesServing() throws Exception {
        ActiveRuleset.Served before = active.served();
        startVersion = before.version();
        Map<String, String> rules = new TreeMap<>(before.rules());
        rules.put("dust/broken.drl", "package dust;\nrule \"half a rule\"\nwhen\n  Inspection(\nthen\nend\n");
        assertThrowsRulesetException(rules);
        activateElsewhere(rules, before.fixtures(), "sha256:broken", "另一实例：代码不同的版本");
        Thread.sleep(2500); // several looks of the watch (every 500 ms here)
        assertEquals(before, active.served(), "the old rules still serve");
        given().contentType("application/json").body(RECORD).post("/api/v1/evaluations?record=false")
                .then().statusCode(200).body("rulesetVersion", org.hamcrest.Matchers.equalTo(before.ruleset().version()));
    }

    @Test
    void aVersionAskedForAheadIsCompiledBeforeItsActivationAndSwappedInAtOnce() throws Exception {
        ActiveRuleset.Served before = active.served();
        startVersion = before.version();
        Map<String, String> rules = new TreeMap<>(before.rules());
        rules.put("dust/parameters.csv", rules.get("dust/parameters.csv").replace("pm10.hourlyLimit,150,", "pm10.hourlyLimit,110,"));
        RulesetContent content = new RulesetContent(rules, before.fixtures());
        var same = store.findByContent(content.hash());
        // another instance's activation, first step: the version kept, and every instance asked to compile it
        long number = same.isPresent() ? same.get().number() : store.keep(new RulesetVersionStore.NewVersion(
                active.loader().load(new RuleFolder(rules, List.of())).version(), content.hash(), "EDIT", 0, 0, Map.of(),
                content.rules(), content.fixtures()), "other-instance", "另一实例：PM10 限值降为 110", startVersion).number();
        instances.requestPrepare(number, "other-instance", java.time.OffsetDateTime.now(clock));
        waitFor(() -> instances.seenSince(java.time.OffsetDateTime.now(clock).minusSeconds(10)).stream()
                .anyMatch(i -> i.id().equals(cluster.name()) && i.holds(number)), Duration.ofSeconds(60));
        assertEquals(startVersion, active.served().version(), "compiled ahead, not yet serving");
        // second step: the active row moves; the rules held ready are swapped in by the next look, with no compile
        store.activate(startVersion, null, number, "other-instance", "另一实例：PM10 限值降为 110", "RULESET_ACTIVATED", Map.of());
        watch.check();
        assertEquals(number, active.served().version(), "serving right after one look of the watch");
        given().contentType("application/json").body(RECORD).post("/api/v1/evaluations?record=false")
                .then().statusCode(200).body("violations.code", org.hamcrest.Matchers.hasItem("PM10_EXCEEDED"));
    }

    @Test
    void anActivationHereWaitsForTheOtherInstancesAndIsRefusedWhereOneCannotCompileIt() throws Exception {
        ActiveRuleset.Served before = active.served();
        startVersion = before.version();
        String drl = before.rules().get("dust/related-duties.drl");
        // content of this run alone: a PostgreSQL store kept from an earlier run holds the same edits under older
        // numbers, and an activation reuses a kept version of the same content
        String run = java.util.UUID.randomUUID().toString();
        // the other instances beat as live ones do, every 500 ms, for as long as the gate takes on a busy machine
        // (a beat taken once at the start goes stale after lantian.rules.instance-ttl)
        var peers = new java.util.concurrent.ConcurrentHashMap<String, Long[]>();
        var beats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        beats.scheduleWithFixedDelay(() -> peers.forEach((id, state) ->
                instances.beat(id, java.time.OffsetDateTime.now(clock), state[0], null, state[1])), 0, 500,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            // a live instance that never compiles what it is asked to: the activation waits for it (2 s here), then
            // switches, and says so
            peers.put("peer-slow", new Long[] {before.version(), null});
            instances.beat("peer-slow", java.time.OffsetDateTime.now(clock), before.version(), null, null);
            given().auth().preemptive().basic(TestUsers.AUDITOR, TestUsers.PASSWORD).contentType("application/json")
                    .body(JSON.writeValueAsString(Map.of("files", Map.of("dust/related-duties.drl",
                                    drl + "\n// 等待其他实例 " + run + "\n"), "reason", "注释：等待其他实例")))
                    .post("/api/v1/ruleset/activate").then().statusCode(200)
                    .body("instances.late", org.hamcrest.Matchers.contains("peer-slow"))
                    .body("instances.waitedMs", org.hamcrest.Matchers.greaterThanOrEqualTo(1900));
            long serving = active.served().version();
            assertTrue(serving != startVersion, "switched after the wait");
            // an instance of another release, which could not compile the next version: nothing is activated
            long next = store.list().stream().mapToLong(RulesetVersionStore.StoredVersion::number).max().orElseThrow() + 1;
            peers.remove("peer-slow");
            instances.leave("peer-slow");
            peers.put("peer-old-release", new Long[] {serving, next});
            instances.beat("peer-old-release", java.time.OffsetDateTime.now(clock), serving, null, next);
            given().auth().preemptive().basic(TestUsers.AUDITOR, TestUsers.PASSWORD).contentType("application/json")
                    .header("Accept-Language", "zh")
                    .body(JSON.writeValueAsString(Map.of("files", Map.of("dust/related-duties.drl",
                                    drl + "\n// 旧版实例 " + run + "\n"), "reason", "注释：旧版实例")))
                    .post("/api/v1/ruleset/activate").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("title", equalTo("并非所有实例都能使用此版本"))
                    .body("instances.failed", org.hamcrest.Matchers.contains("peer-old-release"));
            assertEquals(serving, active.served().version(), "nothing activated here");
            assertEquals(serving, store.active().orElseThrow().version(), "nor in the store");
        } finally {
            peers.clear();
            beats.shutdown();
            beats.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            instances.leave("peer-slow");
            instances.leave("peer-old-release");
        }
    }

    /**
     * What another instance's activation leaves in the store: these files as the active version (kept as a new
     * version, or the kept one with the same content: a PostgreSQL store may hold it from an earlier run).
     */
    private void activateElsewhere(Map<String, String> rules, Map<String, String> fixtures, String rulesetVersion,
                                   String reason) {
        RulesetContent content = new RulesetContent(rules, fixtures);
        var same = store.findByContent(content.hash());
        store.activate(startVersion, same.isPresent() ? null : new RulesetVersionStore.NewVersion(rulesetVersion,
                        content.hash(), "EDIT", 0, 0, Map.of(), content.rules(), content.fixtures()),
                same.map(RulesetVersionStore.StoredVersion::number).orElse(null), "other-instance", reason,
                "RULESET_ACTIVATED", Map.of());
    }

    private void assertThrowsRulesetException(Map<String, String> rules) {
        try {
            active.loader().load(new RuleFolder(rules, List.of()));
        } catch (RulesetException e) {
            return;
        }
        throw new AssertionError("the broken rule compiled");
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            assertFalse(System.nanoTime() > end, "not within " + within);
            Thread.sleep(20);
        }
    }

    /** Previews sent one after another from a thread of their own, as a client keeps sending them. */
    private final class Load {
        private final List<Answer> answers = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "watch-test-load");
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String auth = "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.TESTER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        synchronized List<Answer> answers() {
            return List.copyOf(answers);
        }

        private void run() {
            while (running.get()) {
                Answer a;
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(evaluations.toString()))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(RECORD)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long at = System.nanoTime();
                    if (r.statusCode() == 200) {
                        JsonNode d = JSON.readTree(r.body());
                        boolean exceeded = false;
                        for (JsonNode v : d.path("violations")) {
                            exceeded |= v.path("code").asText().equals("PM10_EXCEEDED");
                        }
                        a = new Answer(at, 200, d.path("rulesetVersion").asText(), exceeded);
                    } else {
                        a = new Answer(at, r.statusCode(), r.body(), false);
                    }
                } catch (IOException e) {
                    a = new Answer(System.nanoTime(), -1, e.toString(), false);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    answers.add(a);
                }
            }
        }
    }
}
