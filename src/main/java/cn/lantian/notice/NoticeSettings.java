package cn.lantian.notice;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where and how notices are sent ({@code lantian.notices.*}, documented in application.properties). No
 * webhook by default: notices are still recorded and listed, and stay PENDING until one is configured.
 * A webhook that is not an absolute http(s) URL, or a setting out of range, stops the service at start.
 */
@ApplicationScoped
public class NoticeSettings {
    @ConfigProperty(name = "lantian.notices.webhook-url")
    Optional<String> webhookUrl;

    @ConfigProperty(name = "lantian.notices.secret")
    Optional<String> secret;

    @ConfigProperty(name = "lantian.notices.timeout", defaultValue = "5S")
    Duration timeout;

    @ConfigProperty(name = "lantian.notices.max-attempts", defaultValue = "8")
    int maxAttempts;

    @ConfigProperty(name = "lantian.notices.first-retry", defaultValue = "10S")
    Duration firstRetry;

    @ConfigProperty(name = "lantian.notices.max-backoff", defaultValue = "1H")
    Duration maxBackoff;

    @ConfigProperty(name = "lantian.notices.batch", defaultValue = "50")
    int batch;

    private volatile URI webhook;

    void check(@Observes StartupEvent start) {
        webhook();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("lantian.notices.timeout must be positive, not " + timeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("lantian.notices.max-attempts must be at least 1, not " + maxAttempts);
        }
        if (firstRetry.isNegative() || maxBackoff.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("lantian.notices.first-retry (" + firstRetry
                    + ") must be from 0 to lantian.notices.max-backoff (" + maxBackoff + ")");
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalStateException("lantian.notices.batch must be from 1 to 1000, not " + batch);
        }
    }

    /** The webhook, or null when none is configured. */
    public URI webhook() {
        URI known = webhook;
        if (known == null && webhookUrl.isPresent() && !webhookUrl.get().isBlank()) {
            try {
                known = parse(webhookUrl.get().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("lantian.notices.webhook-url: " + e.getMessage());
            }
            webhook = known;
        }
        return known;
    }

    public boolean configured() {
        return webhook() != null;
    }

    /** The HMAC-SHA256 key of the signature header, or null when notices go unsigned. */
    public String secret() {
        return secret.filter(s -> !s.isEmpty()).orElse(null);
    }

    public Duration timeout() {
        return timeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public int batch() {
        return batch;
    }

    /** How long to wait after the n-th failed attempt in a row (n from 1): doubling from the first retry, capped. */
    public Duration backoff(int failures) {
        return backoff(firstRetry, maxBackoff, failures);
    }

    static Duration backoff(Duration first, Duration cap, int failures) {
        Duration d = first;
        for (int i = 1; i < failures && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** The webhook as the log may show it: scheme, host, port and path, never its query (it may hold a key). */
    public String target() {
        URI u = webhook();
        return u == null ? "(none)" : u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    /** An absolute http or https URL with a host, no user info and no fragment; anything else is refused. */
    static URI parse(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("only http and https webhooks are sent to, not " + (scheme == null ? "a relative URL" : scheme + ":"));
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL names no host");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put no user name or password in the URL (the body is signed with lantian.notices.secret)");
        }
        if (u.getRawFragment() != null) {
            throw new IllegalArgumentException("a webhook URL has no #fragment");
        }
        return u;
    }
}
