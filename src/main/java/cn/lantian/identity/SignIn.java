package cn.lantian.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs users in with the name and password of an HTTP Basic header or the login form, against the
 * users in the store. A disabled user is refused. Repeated failures slow the name down: after
 * {@code lantian.sign-in.free-failures} failures in a row, each further attempt is refused unseen for a
 * pause that doubles up to {@code lantian.sign-in.max-pause}. A verified sign-in is remembered for
 * {@code lantian.sign-in.cache} (hashing the password on every request is no cost to pay), and forgotten
 * as soon as the user is changed.
 */
@ApplicationScoped
public class SignIn implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    /** Attributes of the security identity: the account's bindings. */
    public static final String SUBJECTS = "lantian.subjects";
    public static final String JURISDICTIONS = "lantian.jurisdictions";

    @Inject
    UserStore users;

    @Inject
    Clock clock;

    @ConfigProperty(name = "lantian.sign-in.free-failures", defaultValue = "5")
    int freeFailures;

    @ConfigProperty(name = "lantian.sign-in.max-pause", defaultValue = "PT15M")
    Duration maxPause;

    @ConfigProperty(name = "lantian.sign-in.cache", defaultValue = "PT60S")
    Duration cacheFor;

    private record Failures(int count, Instant last) {}

    private record Verified(byte[] digest, UserAccount account, Instant until) {}

    /** Names tracked for failures and verification before old entries are dropped. */
    private static final int MAX_TRACKED_NAMES = 10_000;
    /** Checked against when a name is unknown, so that it takes as long as a known one. */
    private static final javax.crypto.spec.SecretKeySpec DIGEST_KEY = new javax.crypto.spec.SecretKeySpec(randomKey(), "HmacSHA256");
    private static final String UNKNOWN_USER_HASH = Passwords.hash(Passwords.random());

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, Object> verifying = new ConcurrentHashMap<>();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        // A sign-in verified a moment ago is answered on the calling thread: no hash, no store, no hand-off
        // (unless the name has failed since: then the pause is checked as for any sign-in).
        UserAccount remembered = failures.containsKey(username) ? null : remembered(username, password, clock.instant());
        if (remembered != null) {
            return Uni.createFrom().item(identity(remembered));
        }
        return context.runBlocking(() -> identity(check(username, password)));
    }

    private UserAccount remembered(String username, String password, Instant now) {
        Verified v = verified.get(username);
        return v != null && now.isBefore(v.until()) && MessageDigest.isEqual(v.digest(), digest(username, password))
                ? v.account() : null;
    }

    /** The account behind a name and password, or a refusal that says nothing of which was wrong. */
    UserAccount check(String username, String password) {
        // One verification of a name at a time: when a remembered sign-in runs out, the many connections of
        // one client find it gone together, and one of them hashes while the others wait for its answer; and
        // guesses sent at once are each counted before the next is judged.
        Object lock = verifying.computeIfAbsent(username, k -> new Object());
        synchronized (lock) {
            return verify(username, password, clock.instant());
        }
    }

    private UserAccount verify(String username, String password, Instant now) {
        Failures f = failures.get(username);
        if (f != null && f.count() >= freeFailures && now.isBefore(f.last().plus(pause(f.count())))) {
            throw new AuthenticationFailedException("too many failed sign-ins for this name; try again in "
                    + Duration.between(now, f.last().plus(pause(f.count()))).toSeconds() + " s");
        }
        UserAccount remembered = remembered(username, password, now);
        if (remembered != null) {
            return remembered;
        }
        long generation = generations.getOrDefault(username, 0L);
        UserStore.Stored stored = users.find(username).orElse(null);
        // An unknown or disabled name costs the same hash as a known one: the time says nothing of which.
        boolean matches = Passwords.matches(password, stored == null ? UNKNOWN_USER_HASH : stored.passwordHash());
        if (stored == null || stored.account().disabled() || !matches) {
            forgetOldFailures(now);
            failures.merge(username, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
            throw new AuthenticationFailedException("wrong name or password, or the account is disabled");
        }
        failures.remove(username);
        // Remembered only if the user was not changed while it was read (forget() moves the generation on).
        synchronized (generations) {
            if (generations.getOrDefault(username, 0L) == generation) {
                verified.put(username, new Verified(digest(username, password), stored.account(), now.plus(cacheFor)));
            }
        }
        return stored.account();
    }

    /** Forgets what is remembered of a user (after it is changed, disabled or its password reset). */
    public void forget(String username) {
        synchronized (generations) {
            generations.merge(username, 1L, Long::sum);
            verified.remove(username);
        }
        failures.remove(username);
    }

    /** Failures older than the longest pause no longer slow anyone: dropped, so random names cannot fill memory. */
    private void forgetOldFailures(Instant now) {
        if (failures.size() > MAX_TRACKED_NAMES) {
            Instant horizon = now.minus(maxPause);
            failures.values().removeIf(x -> x.last().isBefore(horizon));
            if (failures.size() > MAX_TRACKED_NAMES) {
                failures.clear(); // a flood of names: start counting afresh rather than grow without end
            }
        }
        if (verifying.size() > MAX_TRACKED_NAMES) {
            verifying.clear();
        }
    }

    private Duration pause(int count) {
        int doublings = Math.min(count - freeFailures, 20);
        Duration pause = Duration.ofSeconds(1L << doublings);
        return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }

    /** The identity the rest of the service sees: the name, the roles, and the account's bindings. */
    public static SecurityIdentity identity(UserAccount account) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.username()));
        account.roles().forEach(r -> b.addRole(r.name()));
        b.addAttribute(SUBJECTS, java.util.Set.copyOf(account.subjects()));
        b.addAttribute(JURISDICTIONS, java.util.Set.copyOf(account.jurisdictions()));
        return b.build();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** A keyed digest of the name and password (a random key per process): what a remembered sign-in is compared by. */
    private static byte[] digest(String username, String password) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(DIGEST_KEY);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
