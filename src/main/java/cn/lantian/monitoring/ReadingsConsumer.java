package cn.lantian.monitoring;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.metrics.ServiceMetrics;
import cn.lantian.metrics.ServiceMetrics.ReadingsRejection;
import cn.lantian.store.StoreUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Readings through Kafka, for a province that outgrows one machine (README "Readings through Kafka"): each message of
 * the topic (channel {@code readings}, off unless {@code lantian.monitoring.kafka.enabled}) is one device's batch,
 * {@code {"device": "<id>", "readings": [{"at", "valueUgM3"}, ...]}}, keyed by the device id so that a device's batches
 * stay on one partition, in order. Each is kept as the HTTP API keeps a batch the device POSTs
 * ({@link Monitoring#readings}): validated whole, stored once, judged, its alarms kept.
 *
 * <p>A message on the topic is the device's own send: the topic's ACLs are its credential (only the devices' gateway
 * may write to it), and it acts as a MONITOR bound to that device alone.
 *
 * <p>Messages are kept one at a time, in the order they are read, on a worker thread ({@code @Blocking}, ordered), and
 * each is settled before the next:
 * <ul>
 *   <li>kept: acknowledged, counted;</li>
 *   <li>refused as the HTTP API would refuse it with a 4xx (not the JSON of a batch, no such monitor, a reading
 *       refused, a reading kept before with another value): logged at WARN with the device and the reasons, no stack
 *       trace, counted by reason, and acknowledged, so that it never holds up the messages after it;</li>
 *   <li>a fault of the service (the HTTP API's 500): logged at ERROR with its stack trace, counted as {@code error},
 *       and acknowledged, for the same reason;</li>
 *   <li>the store out of reach (the HTTP API's 503), or a concurrent change of the same rows three times running (its
 *       409): not acknowledged. The connector's failure strategy
 *       ({@code fail}) then stops the channel, the health check {@code /q/health/live} is DOWN until the instance is
 *       restarted, and the consumer group reads on from the last committed offset: the message is read again, none
 *       after it is acknowledged ahead of it.</li>
 * </ul>
 */
@ApplicationScoped
public class ReadingsConsumer {
    private static final Logger LOG = Logger.getLogger(ReadingsConsumer.class);
    /** The channel, configured under {@code mp.messaging.incoming.readings.*}. */
    public static final String CHANNEL = "readings";
    /** The most field errors one WARN line names. */
    private static final int LOGGED_ERRORS = 5;

    @Inject
    Monitoring monitoring;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Validator validator;

    /** A message's value: the HTTP batch's body wrapped with the device's id. */
    public record Batch(@NotBlank @Size(max = 100) String device, @NotNull JsonNode readings) {}

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String where = kafka.map(k -> " (partition " + k.getPartition() + ", offset " + k.getOffset() + ")").orElse("");
        Object key = kafka.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        Batch batch;
        try {
            batch = read(message.getPayload(), key);
        } catch (InvalidRequestException e) {
            // the device as the key names it, if the message has one
            return refused(message, ReadingsRejection.UNREADABLE, key == null ? "?" : key.toString(), where, e.errors());
        }
        String device = batch.device();
        try {
            Monitoring.ReadingsAnswer answer = keep(device, batch.readings().toString());
            metrics.kafkaAccepted(answer.accepted(), answer.duplicates());
            return message.ack();
        } catch (cn.lantian.store.StoreConflictException e) {
            // another writer of the same rows came first each time (the HTTP API's 409 "send it again"): not a bad
            // message, and not to be dropped; read again, as after an outage
            metrics.kafkaNacked();
            LOG.warnf("readings of the device %s%s not kept, %d attempts met concurrent changes (%s): not acknowledged, to be"
                    + " read again", printable(device), where, CONFLICT_ATTEMPTS, e.getMessage());
            return message.nack(e);
        } catch (Monitoring.ReadingConflict e) {
            return refused(message, ReadingsRejection.CONFLICT, device, where, inReadings(e.errors()));
        } catch (InvalidRequestException e) {
            boolean unknown = e.errors().stream().anyMatch(f -> f.field().equals("deviceId"));
            return refused(message, unknown ? ReadingsRejection.UNKNOWN_DEVICE : ReadingsRejection.INVALID, device, where,
                    unknown ? e.errors() : inReadings(e.errors()));
        } catch (StoreUnavailableException e) {
            metrics.kafkaNacked();
            LOG.warnf("readings of the device %s%s not kept, the store is out of reach (%s): not acknowledged, to be read again",
                    printable(device), where, e.getMessage());
            return message.nack(e);
        } catch (RuntimeException e) {
            metrics.kafkaRejected(ReadingsRejection.ERROR);
            LOG.errorf(e, "readings of the device %s%s failed; the message is acknowledged and not read again",
                    printable(device), where);
            return message.ack();
        }
    }

    /** How often a batch that meets a concurrent change of the same rows is tried before it is left to be read again. */
    static final int CONFLICT_ATTEMPTS = 3;

    /** The batch kept, tried again when a concurrent change of the same rows came first (a batch is one transaction). */
    private Monitoring.ReadingsAnswer keep(String device, String readings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return monitoring.readings(actor(device), device, readings);
            } catch (cn.lantian.store.StoreConflictException e) {
                if (attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The device's own send: a MONITOR bound to that device alone. */
    static Actor actor(String device) {
        return new Actor("kafka:" + device, Set.of(Role.MONITOR), Set.of(device), Set.of());
    }

    /** The message's value as a batch, read as strictly as an HTTP body; its key, when it has one, names the same device. */
    private Batch read(String value, Object key) {
        RequestReader reader = new RequestReader(validator);
        Batch batch = reader.parse(value, Batch.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(batch));
        if (errors.isEmpty() && key != null && !key.toString().equals(batch.device())) {
            errors.add(new FieldError("key", "the message's key (" + printable(key.toString())
                    + ") is not its device; a device's batches are keyed by its id"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The message is not a batch of readings", errors);
        }
        return batch;
    }

    /** Errors of the batch, named as fields of the message ({@code readings[3].at}) rather than of the HTTP body ({@code [3].at}). */
    private static List<FieldError> inReadings(List<FieldError> errors) {
        return errors.stream().map(f -> new FieldError(f.field().isEmpty() || f.field().equals("$") ? "readings"
                : f.field().startsWith("[") ? "readings" + f.field() : "readings." + f.field(), f.message())).toList();
    }

    private CompletionStage<Void> refused(Message<String> message, ReadingsRejection reason, String device, String where,
                                          List<FieldError> errors) {
        metrics.kafkaRejected(reason);
        String said = errors.stream().limit(LOGGED_ERRORS).map(f -> (f.field().isEmpty() ? "" : f.field() + ": ") + f.message())
                .map(ReadingsConsumer::printable).collect(Collectors.joining("; "));
        if (errors.size() > LOGGED_ERRORS) {
            said += "; and " + (errors.size() - LOGGED_ERRORS) + " more";
        }
        LOG.warnf("readings of the device %s%s refused (%s), acknowledged and not read again: %s", printable(device), where,
                reason.tag(), said);
        return message.ack();
    }

    /** Text from a message, safe for one log line: no control characters, at most 200 of them. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String s = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
