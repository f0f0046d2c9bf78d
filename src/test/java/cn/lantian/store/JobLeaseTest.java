package cn.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.cluster.ClusterJobs;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Scheduled jobs run on one instance at a time: two lease-holders (two instances) on one store and one clock the
 * test moves. The first takes a job's lease and the second is refused while it runs; a renewal keeps it; once it
 * has run out the second takes it over and the first, renewing, learns it lost it; a lease let go is taken at once.
 * And every {@code @Scheduled} job of the service asks for its lease, and the service holds the ones it runs.
 * On H2, and on PostgreSQL with the store's tests.
 */
@QuarkusTest
class JobLeaseTest {
    private static final Duration TTL = Duration.ofSeconds(30);

    @Inject
    JobLeaseStore store;

    @Inject
    ClusterJobs jobs;

    @Test
    void oneHolderAtATimeTakenOverOnceItRunsOut() {
        PinnedClock clock = new PinnedClock();
        clock.set(Instant.parse("2026-12-14T04:00:00Z"));
        String job = "test-job-" + UUID.randomUUID();
        LeaseHolder a = new LeaseHolder(store, "instance-a", clock, TTL);
        LeaseHolder b = new LeaseHolder(store, "instance-b", clock, TTL);

        assertTrue(a.hold(job), "a free lease is taken");
        assertFalse(b.hold(job), "another's running lease is refused");
        assertEquals("instance-a", store.find(job).orElseThrow().holder());
        assertEquals(Instant.parse("2026-12-14T04:00:30Z"), store.find(job).orElseThrow().expiresAt().toInstant());

        clock.set(Instant.parse("2026-12-14T04:00:20Z"));
        assertEquals(Set.of(), a.renewAll(), "the holder renews its lease");
        assertEquals(Instant.parse("2026-12-14T04:00:50Z"), store.find(job).orElseThrow().expiresAt().toInstant());
        clock.set(Instant.parse("2026-12-14T04:00:45Z"));
        assertFalse(b.hold(job), "renewed, it still runs at 04:00:45");
        assertTrue(a.hold(job), "its holder runs it again");
        Instant taken = store.find(job).orElseThrow().takenAt().toInstant();
        assertEquals(Instant.parse("2026-12-14T04:00:00Z"), taken, "a renewal keeps the time it was taken");

        clock.set(Instant.parse("2026-12-14T04:01:15Z")); // a's last hold ran to 04:01:15
        assertTrue(b.hold(job), "run out: the other takes it over");
        assertEquals("instance-b", store.find(job).orElseThrow().holder());
        assertEquals(Instant.parse("2026-12-14T04:01:15Z"), store.find(job).orElseThrow().takenAt().toInstant());
        assertEquals(Set.of(job), a.renewAll(), "the old holder learns it lost the lease");
        assertEquals(Set.of(), a.held());
        assertFalse(a.hold(job));

        b.releaseAll();
        assertTrue(a.hold(job), "a lease let go is taken at once");
        assertFalse(b.hold(job));
    }

    @Test
    void theServiceHoldsTheLeaseOfTheJobsItRuns() throws InterruptedException {
        // the notices' deliverer polls every second under test: its first run took the lease
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.find("lantian-notices").map(l -> !l.holder().equals(jobs.name())).orElse(true)) {
            assertTrue(System.nanoTime() < end, "the service took the notices' lease");
            Thread.sleep(100);
        }
        assertTrue(jobs.mayRun("lantian-notices"));
        PinnedClock clock = new PinnedClock();
        assertFalse(new LeaseHolder(store, "another-instance", clock, TTL).hold("lantian-notices"),
                "another instance does not run the notices while this one holds them");
    }

    @Test
    void everyScheduledJobAsksForItsLease() throws Exception {
        Path classes = Path.of("target", "classes");
        List<String> unleased = new ArrayList<>();
        int scheduled = 0;
        try (var files = Files.walk(classes.resolve("cn/lantian"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                for (Method m : type.getDeclaredMethods()) {
                    Scheduled s = m.getAnnotation(Scheduled.class);
                    if (s != null) {
                        scheduled++;
                        if (s.skipExecutionIf() != ClusterJobs.class) {
                            unleased.add(name + "." + m.getName());
                        }
                    }
                }
            }
        }
        assertTrue(scheduled >= 2, "the notices and the overdue watch are found");
        assertEquals(List.of(), unleased, "each @Scheduled job names skipExecutionIf = ClusterJobs.class");
    }
}
