package cn.lantian.health;

import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetActivated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code rules}: DOWN until a ruleset is compiled and serving, then UP with its version,
 * its number of rules and when it was loaded. It hears of each ruleset put in service
 * ({@link RulesetActivated}) and never asks for one, so a probe during start-up cannot start or wait for
 * the compile.
 */
@Readiness
@ApplicationScoped
public class RulesReadiness implements HealthCheck {
    static final String NAME = "rules";

    private volatile Ruleset serving;

    void activated(@Observes RulesetActivated event) {
        serving = event.ruleset();
    }

    @Override
    public HealthCheckResponse call() {
        Ruleset r = serving;
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (r == null) {
            return b.down().withData("reason", "the rules are not compiled yet").build();
        }
        return b.up().withData("version", r.version()).withData("rules", r.rules().size())
                .withData("loadedAt", r.loadedAt().toString()).build();
    }
}
