package cn.lantian.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.PinnedClock;
import cn.lantian.TestUsers;
import cn.lantian.identity.Actor;
import cn.lantian.store.StoreUnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readings through Kafka (cn.lantian.monitoring.ReadingsConsumer), the channel switched on and its broker replaced by
 * SmallRye's in-memory connector: a device's batch sent on the topic is kept and judged as its POST is (the alarm and
 * its case are there, the same batch POSTed afterwards is all duplicates); a bad message of each kind is acknowledged,
 * counted by reason and logged at WARN without a stack trace, and the good message after it is still kept; the same
 * message twice keeps its readings once; a fault of the service is logged with its trace and acknowledged; a store out
 * of reach leaves the message unacknowledged (nacked).
 */
@QuarkusTest
@TestProfile(KafkaReadingsTest.KafkaOn.class)
class KafkaReadingsTest {
    static final Instant NOW = Instant.parse("2026-12-14T05:05:00Z"); // 13:05 in Beijing
    static final String PASSWORD = "monitor-password-1";

    /** The channel on; its connector the in-memory one. */
    public static class KafkaOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lantian.monitoring.kafka.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(InMemoryReadings.class));
        }
    }

    /** The readings channel on SmallRye's in-memory connector for the tests of this profile. */
    public static class InMemoryReadings implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return InMemoryConnector.switchIncomingChannelsToInMemory(ReadingsConsumer.CHANNEL);
        }

        @Override
        public void stop() {
            InMemoryConnector.clear();
        }
    }

    /** How the consumer settled a message. */
    record Outcome(boolean acked, Throwable nackedFor) {}

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    PinnedClock clock;

    @Inject
    ObjectMapper json;

    String device;
    String account;
    String subject;
    final List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        Logger.getLogger(ReadingsConsumer.class.getName()).addHandler(capture);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        device = "KF-" + suffix;
        account = "kmon-" + suffix;
        subject = "KF-SITE-" + suffix;
        // the device's own account, for its POSTs over HTTP; the monitor registered by an inspector
        given().contentType(ContentType.JSON).body(Map.of("username", account, "password", PASSWORD, "roles", List.of("MONITOR"),
                "subjects", List.of(device))).post("/api/v1/users").then().statusCode(201);
        given().auth().preemptive().basic(TestUsers.INSPECTOR, TestUsers.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("subjectId", subject, "jurisdiction", "zhengzhou", "parameter", "PM10"))
                .put("/api/v1/monitors/" + device).then().statusCode(200);
    }

    @AfterEach
    void reset() {
        Logger.getLogger(ReadingsConsumer.class.getName()).removeHandler(capture);
        clock.reset();
    }

    private static String local(String hhmm) {
        return "2026-12-14T" + hhmm + ":00+08:00";
    }

    private static List<Map<String, Object>> hours(int fromHour, int toHour, double value) {
        List<Map<String, Object>> out = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.parse(local(String.format("%02d:00", fromHour)));
        for (int m = 0; m < (toHour - fromHour + 1) * 60; m++) {
            out.add(Map.of("at", t.plusMinutes(m).toString(), "valueUgM3", value));
        }
        return out;
    }

    private String batch(String deviceId, Object readings) throws Exception {
        return json.writeValueAsString(Map.of("device", deviceId, "readings", readings));
    }

    /** One record of the topic, keyed as the gateway keys it (null: no Kafka metadata at all), and how it was settled. */
    private Outcome send(String value, String key) throws Exception {
        CompletableFuture<Outcome> settled = new CompletableFuture<>();
        Message<String> message = Message.of(value, () -> {
            settled.complete(new Outcome(true, null));
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            settled.complete(new Outcome(false, failure));
            return CompletableFuture.completedFuture(null);
        });
        if (key != null) {
            message = message.addMetadata(new IncomingKafkaRecordMetadata<>(
                    new ConsumerRecord<>("lantian.readings", 3, 42L, key, value), ReadingsConsumer.CHANNEL));
        }
        connector.<Message<String>>source(ReadingsConsumer.CHANNEL).send(message);
        return settled.get(60, TimeUnit.SECONDS);
    }

    private io.restassured.response.Response post(Object body) {
        return given().auth().preemptive().basic(account, PASSWORD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/monitors/" + device + "/readings");
    }

    private static String metrics() {
        return given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.PASSWORD).get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }

    /** The value of one series (name and labels exactly as Prometheus writes them), 0 when absent. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    private static final String ACCEPTED = "lantian_monitoring_kafka_accepted_total";
    private static final String NEW = "lantian_monitoring_kafka_readings_total{kind=\"new\"}";
    private static final String DUPLICATE = "lantian_monitoring_kafka_readings_total{kind=\"duplicate\"}";
    private static final String NACKED = "lantian_monitoring_kafka_nacked_total";

    private static String rejected(String reason) {
        return "lantian_monitoring_kafka_rejected_total{reason=\"" + reason + "\"}";
    }

    @Test
    void aBatchSentOnTheTopicIsKeptAndJudgedAsTheDevicesPostIs() throws Exception {
        List<Map<String, Object>> means = new ArrayList<>();
        for (String h : List.of("09", "10", "11", "12")) {
            means.add(Map.of("hour", local(h + ":00"), "valueUgM3", 60));
        }
        given().contentType(ContentType.JSON).body(means).put("/api/v1/backgrounds/zhengzhou/readings").then().statusCode(200);
        List<Map<String, Object>> readings = hours(9, 12, 200);
        readings.add(Map.of("at", local("13:00"), "valueUgM3", 50));
        String before = metrics();

        assertEquals(new Outcome(true, null), send(batch(device, readings), device));

        String after = metrics();
        assertEquals(1, delta(before, after, ACCEPTED));
        assertEquals(241, delta(before, after, NEW));
        JsonPath listed = given().queryParam("subject", subject).get("/api/v1/alarms").then().statusCode(200).extract().jsonPath();
        assertEquals(1, listed.getList("").size(), listed.prettify());
        assertEquals("PM10_EXCEEDED", listed.getString("[0].alarm.code"));
        assertEquals(device, listed.getString("[0].alarm.device"));
        assertEquals(List.of("09", "10", "11", "12"), listed.getList("[0].alarm.hours.hour"));
        String caseId = listed.getString("[0].caseId");
        assertNotNull(caseId);
        given().get("/api/v1/cases/" + caseId).then().statusCode(200).body("violation", equalTo("PM10_EXCEEDED"));
        // the device POSTs the same batch itself: every reading was kept already, and no alarm moves
        JsonPath again = post(readings).then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("accepted"));
        assertEquals(241, again.getInt("duplicates"));
        assertEquals(List.of(), again.getList("alarms"));
        // the readiness of an instance with the channel on
        given().auth().none().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aBadMessageIsAcknowledgedCountedAndLoggedWithoutATraceAndTheNextIsStillKept() throws Exception {
        post(List.of(Map.of("at", local("10:00"), "valueUgM3", 40))).then().statusCode(200);
        String before = metrics();
        record Bad(String value, String key, String reason, String says) {}
        List<Bad> bad = List.of(
                new Bad("this is not JSON {", device, "unreadable", "$"),
                new Bad("{\"readings\": []}", null, "unreadable", "device"),
                new Bad(batch(device, List.of(Map.of("at", local("10:05"), "valueUgM3", 5))), "KF-another", "unreadable", "key"),
                new Bad(batch("KF-NEVER-REGISTERED", List.of(Map.of("at", local("10:05"), "valueUgM3", 5))), "KF-NEVER-REGISTERED",
                        "unknown_device", "deviceId"),
                new Bad(batch(device, List.of(Map.of("at", local("10:06"), "valueUgM3", 5), Map.of("at", local("14:00"), "valueUgM3", 5))),
                        device, "invalid", "readings[1].at"),
                new Bad(batch(device, "not a list"), device, "invalid", "readings"),
                new Bad(batch(device, List.of(Map.of("at", local("10:00"), "valueUgM3", 41))), device, "conflict",
                        "readings[0].valueUgM3"));
        for (Bad b : bad) {
            logged.clear();
            assertEquals(new Outcome(true, null), send(b.value(), b.key()), b.value());
            List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(1, warnings.size(), b.value());
            LogRecord w = warnings.get(0);
            assertEquals(Level.WARNING.intValue(), w.getLevel().intValue(), b.value());
            assertNull(w.getThrown(), b.value());
            String line = ((org.jboss.logmanager.ExtLogRecord) w).getFormattedMessage();
            assertTrue(line.contains("(" + b.reason() + ")") && line.contains(b.says()), line);
        }
        // the good message after them is kept
        assertEquals(new Outcome(true, null), send(batch(device, List.of(Map.of("at", local("10:07"), "valueUgM3", 45))), device));
        String after = metrics();
        assertEquals(3, delta(before, after, rejected("unreadable")));
        assertEquals(1, delta(before, after, rejected("unknown_device")));
        assertEquals(2, delta(before, after, rejected("invalid")));
        assertEquals(1, delta(before, after, rejected("conflict")));
        assertEquals(0, delta(before, after, rejected("error")));
        assertEquals(1, delta(before, after, ACCEPTED));
        assertEquals(1, delta(before, after, NEW));
        // none of the refused readings was kept (10:05, 10:06 are new over HTTP), the good one was (10:07)
        JsonPath answer = post(List.of(Map.of("at", local("10:05"), "valueUgM3", 5), Map.of("at", local("10:06"), "valueUgM3", 5),
                Map.of("at", local("10:07"), "valueUgM3", 45))).then().statusCode(200).extract().jsonPath();
        assertEquals(2, answer.getInt("accepted"));
        assertEquals(1, answer.getInt("duplicates"));
    }

    @Test
    void theSameMessageTwiceKeepsItsReadingsOnce() throws Exception {
        String message = batch(device, hours(10, 10, 45));
        String before = metrics();
        assertEquals(new Outcome(true, null), send(message, device));
        assertEquals(new Outcome(true, null), send(message, device));
        String after = metrics();
        assertEquals(2, delta(before, after, ACCEPTED));
        assertEquals(60, delta(before, after, NEW));
        assertEquals(60, delta(before, after, DUPLICATE));
        JsonPath answer = post(hours(10, 10, 45)).then().statusCode(200).extract().jsonPath();
        assertEquals(0, answer.getInt("accepted"));
        assertEquals(60, answer.getInt("duplicates"));
    }

    @Test
    void aFaultOfTheServiceIsLoggedWithItsTraceCountedAndAcknowledged() throws Exception {
        IllegalStateException fault = new IllegalStateException("a fault of the service");
        QuarkusMock.installMockForType(new Monitoring() {
            @Override
            public ReadingsAnswer readings(Actor actor, String deviceId, String body) {
                throw fault;
            }
        }, Monitoring.class);
        String before = metrics();
        logged.clear();
        assertEquals(new Outcome(true, null), send(batch(device, List.of(Map.of("at", local("10:00"), "valueUgM3", 40))), device));
        assertEquals(1, delta(before, metrics(), rejected("error")));
        LogRecord error = logged.stream().filter(r -> r.getLevel().intValue() > Level.WARNING.intValue()).findFirst().orElseThrow();
        assertEquals(fault, error.getThrown());
    }

    @Test
    void aMessageReadWhileTheStoreIsOutOfReachIsNotAcknowledged() throws Exception {
        StoreUnavailableException down = new StoreUnavailableException("the store cannot be reached", null);
        QuarkusMock.installMockForType(new Monitoring() {
            @Override
            public ReadingsAnswer readings(Actor actor, String deviceId, String body) {
                throw down;
            }
        }, Monitoring.class);
        String before = metrics();
        Outcome outcome = send(batch(device, List.of(Map.of("at", local("10:00"), "valueUgM3", 40))), device);
        assertEquals(new Outcome(false, down), outcome);
        String after = metrics();
        assertEquals(1, delta(before, after, NACKED));
        assertEquals(0, delta(before, after, ACCEPTED));
    }
}
