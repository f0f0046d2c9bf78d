package cn.lantian.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.engine.MonitoringStream;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.engine.RulesetLoader;
import cn.lantian.engine.StreamJudge;
import cn.lantian.fact.Monitor;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureRunner;
import cn.lantian.fixture.Fixtures;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream rules of rules/monitoring/ in process: the stream fixtures hold, every stream rule fires in one of
 * them, and the events expire so that a day's readings do not stay in memory for ever.
 */
class StreamRulesTest {
    static Ruleset ruleset;
    static RequestReader reader;

    @BeforeAll
    static void load() throws Exception {
        ruleset = new RulesetLoader(PinnedClock.fixed()).load(Path.of("rules"));
        reader = new RequestReader(Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());
    }

    @Test
    void streamFixturesHoldAndFireEveryStreamRule() {
        List<FixtureCase> cases = Fixtures.load(Path.of("fixtures/monitoring"));
        FixtureRunner.Report report = FixtureRunner.run(ruleset, cases, reader);
        String failures = report.failures().stream().map(o -> o.fixture().label() + "\n  " + String.join("\n  ", o.mismatches())
                + "\n  " + o.actual()).collect(Collectors.joining("\n"));
        assertEquals(0, report.failed(), failures);
        List<String> unfired = report.unfiredRules().stream().filter(r -> ruleset.ruleFiles().get(r).startsWith("rules/monitoring/")).toList();
        assertTrue(unfired.isEmpty(), "stream rules no stream fixture fires: " + unfired);
    }

    @Test
    void readingsExpireSoMemoryStaysBounded() {
        Instant start = Instant.parse("2026-12-14T00:00:00Z");
        try (StreamJudge judge = StreamJudge.open(ruleset, start).orElseThrow()) {
            judge.monitor(new Monitor("D-MEM", "S-MEM", "zhengzhou", "PM10", 60));
            long afterOneDay = 0;
            for (int minute = 0; minute < 4 * 24 * 60; minute++) {
                Instant at = start.plusSeconds(60L * minute);
                judge.advanceTo(at);
                judge.reading("D-MEM", at, 40 + minute % 7);
                if (minute == 2 * 24 * 60) {
                    afterOneDay = judge.factCount();
                }
            }
            long afterFourDays = judge.factCount();
            // a day and a bit of readings (26 h), the hours of two days, the clock, the monitor, the latest reading
            assertTrue(afterFourDays < 26 * 60 + 200, "facts held after four days: " + afterFourDays);
            assertTrue(Math.abs(afterFourDays - afterOneDay) < 10, afterOneDay + " then " + afterFourDays);
        }
    }

    @Test
    void aStreamNamingNeitherTimeNorRunIsRefusedByField() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(cn.lantian.engine.InvalidRequestException.class, () ->
                MonitoringStream.read(reader, "{\"device\": {\"id\": \"D\", \"jurisdiction\": \"zhengzhou\"}, "
                        + "\"readings\": [{\"valueUgM3\": 5}]}"));
        assertEquals("readings[0].at", e.errors().get(0).field());
    }
}
