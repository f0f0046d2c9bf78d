package cn.lantian.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The session cookie's encryption key when a deployment gives none: a random one for this start, known to
 * no one. Without it Quarkus makes its own and writes it in the log, where whoever reads the log could
 * forge a session cookie. Any key configured (QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY, a property)
 * stands over this one: its ordinal is below every other source's.
 */
public final class SessionKeySource implements ConfigSource {
    static final String NAME = "quarkus.http.auth.session.encryption-key";
    private static final String KEY = newKey();

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a key is the random one of this start, none having been configured. */
    static boolean isThisStartsOwn(String key) {
        return KEY.equals(key);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(NAME);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(NAME, KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return NAME.equals(propertyName) ? KEY : null;
    }

    @Override
    public String getName() {
        return "lantian-random-session-key";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
