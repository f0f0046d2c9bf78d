package cn.lantian.bench;

import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetException;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.fact.Inspection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jboss.logmanager.LogContext;

/**
 * What the benchmarks run on: the shipped rules/ and fixtures/ (the working directory is the project
 * root, as bench/run.sh sets it) and the EIGHT site record that the HTTP load test posts too.
 */
final class Inputs {
    static final Path RULES = Path.of("rules");
    static final Path FIXTURES = Path.of("fixtures");

    private Inputs() {}

    /**
     * Outside Quarkus nothing sets the log levels: Drools logs through SLF4J to JBoss LogManager, whose
     * root logger then lets TRACE through, and Drools builds a TRACE message on every propagation (tens
     * of times slower). The service runs with Drools at WARN; so do the benchmarks. JBoss LogManager
     * keeps its own root logger unless it is also the JDK's log manager, so set that one.
     */
    static void quietLogging() {
        LogContext.getSystemLogContext().getLogger("").setLevel(Level.WARNING);
    }

    static Ruleset shippedRules() {
        try {
            return new RulesetLoader(java.time.Clock.systemUTC()).load(RULES);
        } catch (RulesetException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Reads and checks a request as the service does, outside CDI. */
    static InspectionReader reader() {
        var validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        return new InspectionReader(new RequestReader(validator));
    }

    static String eightSiteJson() {
        try (InputStream in = Inputs.class.getResourceAsStream("/eight-site.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Inspection eightSite(Ruleset ruleset) {
        return reader().read(eightSiteJson(), ruleset);
    }

    /** Every evaluation request of the fixtures (site and enterprise cases), read and checked. */
    static List<Inspection> fixtureInspections(Ruleset ruleset) {
        ObjectMapper json = new ObjectMapper();
        InspectionReader reader = reader();
        List<Inspection> inspections = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode c : json.readTree(file.toFile())) {
                    if (c.has("request")) {
                        inspections.add(reader.read(json.writeValueAsString(c.get("request")), ruleset));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inspections;
    }
}
