import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two halves of bench/crash.sh, run as a source file ({@code java bench/CrashProbe.java …}, no build).
 *
 * <pre>
 * send   BASE_URL BODY_FILE N CONCURRENCY KILL_AFTER PID OUT_FILE
 * verify BASE_URL OUT_FILE
 * </pre>
 *
 * {@code send} posts N recorded evaluations (each under a site id of its own) from CONCURRENCY connections
 * and, once KILL_AFTER of them have been answered 200, kills the service (PID) with SIGKILL while the others
 * are in flight; it stops sending then. Every 200 answer is written to OUT_FILE, one line each: the
 * evaluation id, a tab, the answer's bytes in base64. {@code verify} reads each of those ids back through
 * {@code GET /api/v1/evaluations/{id}} from the restarted service and counts the answers that are missing
 * or differ by a byte; its exit status is 1 when any acknowledged evaluation is lost. Both send the
 * {@code Authorization} header in {@code BENCH_AUTHORIZATION} (bench/accounts.sh sets it).
 */
public class CrashProbe {
    /** Signed in as bench/accounts.sh's inspector: {@code Basic …} from the environment. */
    private static final String AUTHORIZATION = System.getenv().getOrDefault("BENCH_AUTHORIZATION", "");
    private static final Pattern ID = Pattern.compile("\"evaluationId\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length == 8 && args[0].equals("send")) {
            System.exit(send(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Long.parseLong(args[6]), Path.of(args[7])));
        } else if (args.length == 3 && args[0].equals("verify")) {
            System.exit(verify(args[1], Path.of(args[2])));
        }
        System.err.println("usage: send BASE_URL BODY_FILE N CONCURRENCY KILL_AFTER PID OUT_FILE | verify BASE_URL OUT_FILE");
        System.exit(2);
    }

    private static int send(String base, Path bodyFile, int n, int concurrency, int killAfter, long pid, Path out)
            throws Exception {
        String template = Files.readString(bodyFile);
        if (!template.contains("\"ZZ-2026-0834\"")) {
            throw new IllegalArgumentException(bodyFile + " does not name the site ZZ-2026-0834");
        }
        String run = Long.toString(pid, 36) + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> statuses = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                while (!killed.get()) {
                    int i = next.getAndIncrement();
                    if (i >= n) {
                        return;
                    }
                    String body = template.replace("\"ZZ-2026-0834\"", "\"ZZ-CRASH-" + run + "-" + i + "\"");
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/evaluations"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Authorization", AUTHORIZATION)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (answer.statusCode() == 200) {
                            Matcher id = ID.matcher(new String(answer.body(), StandardCharsets.UTF_8));
                            if (!id.find()) {
                                throw new IllegalStateException("a 200 answer without an evaluationId");
                            }
                            lines.add(id.group(1) + "\t" + Base64.getEncoder().encodeToString(answer.body()));
                            if (acknowledged.incrementAndGet() == killAfter) {
                                // SIGKILL: no shutdown hook, no flush, as a crash or an OOM killer leaves it.
                                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                                killed.set(true);
                            }
                        } else {
                            refused.incrementAndGet();
                            statuses.add(Integer.toString(answer.statusCode()));
                        }
                    } catch (IOException e) {
                        unanswered.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
            System.err.println("the burst did not end within 120 s");
            pool.shutdownNow();
            return 2;
        }
        Files.write(out, new ArrayList<>(lines));
        int sent = acknowledged.get() + refused.get() + unanswered.get();
        System.out.printf("sent=%d acknowledged=%d other_status=%d unanswered=%d killed=%s%s%n", sent,
                acknowledged.get(), refused.get(), unanswered.get(), killed.get(),
                statuses.isEmpty() ? "" : " statuses=" + String.join(",", List.copyOf(statuses).subList(0, Math.min(10, statuses.size()))));
        return killed.get() ? 0 : 3;
    }

    private static int verify(String base, Path in) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int identical = 0;
        int missing = 0;
        int different = 0;
        List<String> examples = new ArrayList<>();
        for (String line : Files.readAllLines(in)) {
            int tab = line.indexOf('\t');
            String id = line.substring(0, tab);
            byte[] answered = Base64.getDecoder().decode(line.substring(tab + 1));
            HttpResponse<byte[]> stored = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/evaluations/" + id))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", AUTHORIZATION).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (stored.statusCode() == 404) {
                missing++;
                if (examples.size() < 5) {
                    examples.add(id + " missing");
                }
            } else if (stored.statusCode() == 200 && java.util.Arrays.equals(stored.body(), answered)) {
                identical++;
            } else {
                different++;
                if (examples.size() < 5) {
                    examples.add(id + " answered " + stored.statusCode() + ", " + stored.body().length + " bytes against "
                            + answered.length);
                }
            }
        }
        int lost = missing + different;
        System.out.printf("read_back=%d identical=%d missing=%d different=%d lost=%d%n", identical + lost, identical,
                missing, different, lost);
        examples.forEach(e -> System.out.println("  lost: " + e));
        return lost == 0 ? 0 : 1;
    }
}
