package cn.lantian.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The service's one source of "now": every stored timestamp, every "today" of a table, every default
 * time of a self-check or an alert look-up reads this clock. Tests replace it with a pinned clock (any
 * other {@code Clock} bean wins over this default), so that no test depends on the hour it runs at.
 */
public class ClockProducer {
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
