package cn.lantian.health;

import cn.lantian.store.Database;
import cn.lantian.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code store}: UP when a connection of the store's database answers as valid within
 * {@link #TIMEOUT_SECONDS}, with the database's name and how long it took; DOWN with the reason (the
 * database out of reach) otherwise. A load balancer then sends nothing to an instance that could only
 * answer 503.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {
    static final String NAME = "store";
    static final int TIMEOUT_SECONDS = 2;

    @Inject
    Database db;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).withData("datasource", db.name());
        long start = System.nanoTime();
        try {
            boolean valid = db.read("the " + db.name() + " database cannot be reached", c -> c.isValid(TIMEOUT_SECONDS));
            b.withData("latencyMs", (System.nanoTime() - start) / 1_000_000);
            return valid ? b.up().build() : b.down().withData("reason", "the connection did not answer in time").build();
        } catch (StoreUnavailableException e) {
            return b.down().withData("reason", e.getMessage()).build();
        }
    }
}
