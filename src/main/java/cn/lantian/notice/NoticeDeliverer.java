package cn.lantian.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's due notices to the webhook: every {@code lantian.notices.poll} a round takes the
 * PENDING notices whose time has come, oldest first, claims each (so that no other round, here or on
 * another instance, sends it at the same moment) and POSTs it. A 2xx answer delivers it; anything else,
 * or no answer within {@code lantian.notices.timeout}, is retried after a backoff that doubles from
 * {@code lantian.notices.first-retry} up to {@code lantian.notices.max-backoff}, until
 * {@code lantian.notices.max-attempts} failures make it FAILED. Every attempt is logged and kept.
 * <p>
 * Delivery is at least once: a deliverer that stops between the receiver's answer and its record sends
 * the notice again once its claim runs out; the receiver drops duplicates by {@code X-Lantian-Delivery}.
 * Rounds run on a thread of their own, never on the HTTP workers.
 */
@ApplicationScoped
public class NoticeDeliverer {
    private static final Logger LOG = Logger.getLogger(NoticeDeliverer.class);
    /** How much of a refusing receiver's answer is kept in the attempt's error. */
    private static final int SNIPPET_BYTES = 200;
    /** Batches in one round at most, so that a round ends even while notices keep coming. */
    private static final int BATCHES_PER_ROUND = 20;
    /** How long a claim holds beyond the timeout: a deliverer that dies mid-attempt leaves it to another after this. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

    @Inject
    Notices notices;

    @Inject
    NoticeSettings settings;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    private final ReentrantLock round = new ReentrantLock();
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile ExecutorService worker;
    private volatile HttpClient http;

    void start(@Observes StartupEvent start) {
        if (!settings.configured()) {
            LOG.info("no webhook configured (lantian.notices.webhook-url): notices are recorded and listed, not sent");
            return;
        }
        http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lantian-notices");
            t.setDaemon(true);
            return t;
        });
        LOG.infof("notices are sent to %s%s", settings.target(), settings.secret() == null ? ", unsigned" : ", signed");
    }

    void stop(@Observes ShutdownEvent stop) {
        ExecutorService w = worker;
        if (w != null) {
            w.shutdownNow();
        }
    }

    /** The poll: hands a round to the deliverer's thread unless one is already waiting there. */
    @Scheduled(identity = "lantian-notices", every = "${lantian.notices.poll}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // one instance at a time across the cluster: the one holding the job's lease
            skipExecutionIf = cn.lantian.cluster.ClusterJobs.class)
    void poll() {
        ExecutorService w = worker;
        if (w == null || w.isShutdown() || !queued.compareAndSet(false, true)) {
            return;
        }
        w.execute(() -> {
            queued.set(false);
            try {
                deliverDue();
            } catch (RuntimeException e) {
                LOG.warnf("a round of notices stopped: %s", e.getMessage());
            }
        });
    }

    /**
     * One round now, on the calling thread, after any round already running here: every notice due by the
     * service's clock is attempted once. Answers how many were attempted (0 when no webhook is configured).
     */
    public int deliverDue() {
        if (!settings.configured()) {
            return 0;
        }
        round.lock();
        try {
            int attempted = 0;
            for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                List<String> due = notices.due(now(), settings.batch());
                for (String id : due) {
                    if (Thread.currentThread().isInterrupted()) {
                        return attempted;
                    }
                    if (attempt(id)) {
                        attempted++;
                    }
                }
                if (due.size() < settings.batch()) {
                    break;
                }
            }
            return attempted;
        } finally {
            round.unlock();
        }
    }

    /** Claims, sends and records one notice; false when another deliverer had it. */
    private boolean attempt(String id) {
        OffsetDateTime claimedAt = now();
        Optional<Notices.Claimed> claimed = notices.claim(id, claimedAt, claimedAt.plus(settings.timeout()).plus(LEASE_MARGIN));
        if (claimed.isEmpty()) {
            return false;
        }
        Notices.Claimed n = claimed.get();
        byte[] body = body(n);
        long started = System.nanoTime();
        Outcome outcome = send(n, body);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (outcome == null) {
            // interrupted: the service is stopping; the claim runs out and the notice is sent again
            return false;
        }
        OffsetDateTime at = now();
        int failures = n.attempts() + 1;
        boolean ok = outcome.status() != null && outcome.status() / 100 == 2;
        Notices.State state = ok ? Notices.State.DELIVERED : failures >= settings.maxAttempts() ? Notices.State.FAILED
                : Notices.State.PENDING;
        OffsetDateTime next = state == Notices.State.PENDING ? at.plus(settings.backoff(failures)) : null;
        if (!notices.record(n, state, at, outcome.status(), ok ? null : outcome.error(), ms, next)) {
            LOG.warnf("notice %s (%s): its claim ran out before attempt %d was recorded; another deliverer has it", n.id(),
                    n.event(), failures);
            return true;
        }
        switch (state) {
            case DELIVERED -> LOG.infof("notice %s (%s, %s) delivered to %s: HTTP %d, attempt %d, %d ms", n.id(), n.event(),
                    n.jurisdiction(), settings.target(), outcome.status(), failures, ms);
            case PENDING -> LOG.warnf("notice %s (%s, %s) not delivered to %s: %s (attempt %d of %d, next at %s)", n.id(),
                    n.event(), n.jurisdiction(), settings.target(), outcome.error(), failures, settings.maxAttempts(), next);
            case FAILED -> LOG.warnf("notice %s (%s, %s) not delivered to %s: %s; FAILED after %d attempts"
                    + " (POST /api/v1/notices/%s/retry sends it again)", n.id(), n.event(), n.jurisdiction(),
                    settings.target(), outcome.error(), failures, n.id());
        }
        return true;
    }

    /** An attempt's answer: the receiver's status (null when none) and, unless 2xx, what went wrong. */
    private record Outcome(Integer status, String error) {}

    private Outcome send(Notices.Claimed n, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.webhook())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Lantian-Notices/1")
                .header("X-Lantian-Event", n.event())
                .header("X-Lantian-Delivery", n.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String secret = settings.secret();
        if (secret != null) {
            request.header("X-Lantian-Signature", "sha256=" + sign(secret, body));
        }
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request.build(), info -> new Snippet());
        try {
            // the request's own timeout covers the answer's head; this bounds its (short) body too
            HttpResponse<String> r = answer.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            String snippet = r.body() == null ? "" : r.body().replaceAll("\\s+", " ").strip();
            return new Outcome(r.statusCode(), "HTTP " + r.statusCode() + (snippet.isEmpty() ? "" : ": " + snippet));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Outcome(null, "no answer within " + settings.timeout().toString().substring(2));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Outcome(null, "no answer within " + settings.timeout().toString().substring(2));
            }
            if (cause instanceof ConnectException) {
                return new Outcome(null, "could not connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            return new Outcome(null, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /** The body POSTed: {@code {id, event, occurredAt, jurisdiction, subject, data}}, the same bytes on every attempt. */
    byte[] body(Notices.Claimed n) {
        ObjectNode b = json.createObjectNode();
        b.put("id", n.id());
        b.put("event", n.event());
        b.put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(n.createdAt().withOffsetSameInstant(ZoneOffset.UTC)));
        b.put("jurisdiction", n.jurisdiction());
        b.put("subject", n.subject());
        try {
            b.set("data", json.readTree(n.payload()));
            return json.writeValueAsBytes(b);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the notice " + n.id() + " holds data that is not JSON", e);
        }
    }

    /** The hex HMAC-SHA256 of the body with the secret (UTF-8). */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The start of a receiver's answer, for the log; the rest is not read. */
    private static final class Snippet implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                while (b.hasRemaining() && bytes.size() < SNIPPET_BYTES) {
                    bytes.write(b.get());
                }
            }
            if (bytes.size() >= SNIPPET_BYTES) {
                subscription.cancel();
                finish();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            // the status is what counts; whatever of the answer arrived is kept
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            body.complete(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
    }
}
