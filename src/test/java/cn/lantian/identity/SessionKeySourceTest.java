package cn.lantian.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no key configured the session cookie is encrypted with a random one no log shows; a configured key stands over it. */
class SessionKeySourceTest {
    @Test
    void aRandomKeyOfThisStartWhenNoneIsConfigured() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new SessionKeySource()).build();
        String key = config.getValue(SessionKeySource.NAME, String.class);
        assertTrue(key.length() >= 32 && key.matches("[A-Za-z0-9_-]+"), key);
        assertEquals(key, new SessionKeySource().getValue(SessionKeySource.NAME), "one key for the whole start");
        assertNull(new SessionKeySource().getValue("quarkus.http.port"));
    }

    @Test
    void aConfiguredKeyStandsOverIt() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new SessionKeySource(),
                new PropertiesConfigSource(Map.of(SessionKeySource.NAME, "the-city-wide-session-key"), "application.properties", 250))
                .build();
        assertEquals("the-city-wide-session-key", config.getValue(SessionKeySource.NAME, String.class));
        assertNotEquals("the-city-wide-session-key", new SessionKeySource().getValue(SessionKeySource.NAME));
    }
}
