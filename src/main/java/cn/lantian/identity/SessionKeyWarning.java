package cn.lantian.identity;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start-up that no key encrypts the pages' session cookies, without saying the key made in its
 * place: Quarkus's own warning prints that key, and a log collector would then hold what forges any
 * user's session (its category is kept to errors in application.properties).
 */
@ApplicationScoped
public class SessionKeyWarning {
    private static final Logger LOG = Logger.getLogger(SessionKeyWarning.class);

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    Optional<String> key;

    void started(@Observes StartupEvent event) {
        if (key.isEmpty() || SessionKeySource.isThisStartsOwn(key.get())) {
            LOG.warn("no quarkus.http.auth.session.encryption-key (QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY): this start"
                    + " encrypts the pages' sessions with a key of its own, so users sign in again after a restart and"
                    + " on another instance; give every instance the same key of 16 characters or more");
        }
    }
}
