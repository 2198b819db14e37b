package org.prioritytracker.notification.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The publisher against Kafka's MockProducer, playing the broker: sends that fail partway through a
 * batch, a producer that fails while the publisher is still sending, and records refused for good.
 */
@Tag("domain")
class EventPublisherTest {

    private final Deque<MockProducer<String, CloudEvent>> producers = new ArrayDeque<>();
    private final List<MockProducer<String, CloudEvent>> used = new CopyOnWriteArrayList<>();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger deadLettered = new AtomicInteger();
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void aSendThatFailsPartwayThroughABatchIsSentAgainInOrderWithoutRepeatingWhatWasAcknowledged() throws Exception {
        MockProducer<String, CloudEvent> first = mock(false);
        MockProducer<String, CloudEvent> second = mock(true);
        List<CloudEvent> events =
                List.of(event("P1.1", 1), event("P1.1", 2), event("P1.1", 3), event("P2.2", 1), event("P1.1", 4));
        EventPublisher publisher = publisher(1_000_000);

        Future<List<CloudEvent>> result = background.submit(() -> events(publisher.publish(events)));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.history().size() == 5);
        assertTrue(first.completeNext());
        assertTrue(first.completeNext());
        assertTrue(first.errorNext(new TimeoutException("the broker went away")));
        assertTrue(first.closed(), "the failure's own callback closes the producer, before anything else is sent");
        // What a forced close does to the sends still waiting.
        assertTrue(first.errorNext(new KafkaException("Producer is closed forcefully")));
        assertTrue(first.errorNext(new KafkaException("Producer is closed forcefully")));

        assertEquals(events, result.get());
        assertTrue(first.closed(), "the failed producer is closed at once");
        assertEquals(ids(events.subList(2, 5)), ids(second.history()), "only what was not acknowledged, in order");
        assertEquals(1, failedAttempts.get());
        assertEquals(5, published.get());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void afterAFailureNothingSentLaterReachesTheBrokerBeforeTheFailedEvent() throws Exception {
        // The third send fails at once (no metadata), while the publisher is still sending.
        MockProducer<String, CloudEvent> first = new FailingProducer(3);
        producers.add(first);
        MockProducer<String, CloudEvent> second = mock(false);
        List<CloudEvent> events =
                List.of(event("P3.1", 1), event("P3.1", 2), event("P3.1", 3), event("P3.1", 4), event("P3.1", 5));
        EventPublisher publisher = publisher(1_000_000);

        Future<List<CloudEvent>> result = background.submit(() -> events(publisher.publish(events)));
        assertEquals(events, resultWhile(result, second, 3));
        assertEquals(
                ids(events.subList(0, 2)), ids(first.history()), "the first producer sent nothing after the failure");
        assertTrue(first.closed());
        assertEquals(ids(events.subList(2, 5)), ids(second.history()));
    }

    @Test
    void afterAFailureEventsGoOneAtATimeUntilABatchGoesThroughWhole() throws Exception {
        producers.add(new FailingProducer(1));
        MockProducer<String, CloudEvent> second = mock(false);
        List<CloudEvent> events = List.of(event("P4.1", 1), event("P4.1", 2), event("P4.1", 3));
        EventPublisher publisher = publisher(1_000_000);

        Future<List<CloudEvent>> result = background.submit(() -> events(publisher.publish(events)));
        for (int sent = 1; sent <= 3; sent++) {
            int expected = sent;
            await().atMost(Duration.ofSeconds(5)).until(() -> second.history().size() == expected);
            // The next event is sent only once this one is acknowledged.
            assertEquals(expected, second.history().size());
            assertTrue(second.completeNext());
        }
        assertEquals(events, result.get());

        // Recovered: the next batch goes out whole, without waiting for each acknowledgement.
        List<CloudEvent> next = List.of(event("P4.1", 4), event("P4.1", 5));
        Future<List<CloudEvent>> nextResult = background.submit(() -> events(publisher.publish(next)));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.history().size() == 5);
        second.completeNext();
        second.completeNext();
        assertEquals(next, nextResult.get());
    }

    @Test
    void anEventTheBrokerRefusesForGoodGoesToTheDeadLettersAndTheRestFlowOn() throws Exception {
        MockProducer<String, CloudEvent> producer = mock(false);
        List<CloudEvent> events = List.of(event("P5.1", 1), event("P5.1", 2), event("P5.1", 3));
        EventPublisher publisher = publisher(1_000_000);

        Future<List<CloudEvent>> result = background.submit(() -> events(publisher.publish(events)));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too large for the topic"));
        producer.completeNext();

        assertEquals(List.of(events.get(0), events.get(2)), result.get());
        assertFalse(producer.closed(), "a refused record is no reason to drop the producer");
        assertEquals(
                List.of(events.get(1).getId()
                        + ": org.apache.kafka.common.errors.RecordTooLargeException: too large for the topic"),
                deadLetters);
        assertEquals(0, failedAttempts.get());
        assertEquals(1, deadLettered.get());
    }

    @Test
    void anEventLargerThanTheTopicTakesIsNeverSent() throws Exception {
        MockProducer<String, CloudEvent> producer = mock(true);
        CloudEvent big = CloudEventBuilder.v1(event("P6.1", 1))
                .withData(
                        "application/json",
                        ("{\"text\": \"" + "x".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8))
                .build();
        CloudEvent small = event("P6.1", 2);
        EventPublisher publisher = publisher(4_000);

        assertEquals(List.of(small), events(publisher.publish(List.of(big, small))));
        assertEquals(ids(List.of(small)), ids(producer.history()));
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).startsWith(big.getId() + ": the record would have about 6"), deadLetters.get(0));
        assertEquals(EventPublisher.Outcome.class, publisher.publishOnce(big).getClass());
        assertTrue(publisher.publishOnce(big).refusedForGood());
    }

    @Test
    void aReplayIsSentOnceAndSaysWhatBecameOfIt() throws Exception {
        MockProducer<String, CloudEvent> producer = mock(true);
        EventPublisher publisher = publisher(1_000_000);
        assertTrue(publisher.publishOnce(event("P7.1", 1)).published());
        assertEquals(1, producer.history().size());

        producers.add(new FailingProducer(1));
        EventPublisher failing = publisher(1_000_000);
        EventPublisher.Outcome outcome = failing.publishOnce(event("P7.1", 2));
        assertFalse(outcome.published());
        assertFalse(outcome.refusedForGood());
    }

    @Test
    void aRetryWaitsItsBackoffAndClosingThePublisherClosesItsProducer() throws Exception {
        producers.add(new FailingProducer(1));
        MockProducer<String, CloudEvent> second = mock(false);
        EventPublisher publisher = publisher(1_000_000, Duration.ofMillis(150), Duration.ofSeconds(5));
        long started = System.nanoTime();
        Future<List<CloudEvent>> result = background.submit(() -> events(publisher.publish(List.of(event("P8.1", 1)))));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.history().size() == 1);
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(150).toNanos(), "the retry waited its backoff");
        assertTrue(second.completeNext());
        assertEquals(1, result.get().size());
        assertFalse(second.closed());
        publisher.close();
        assertTrue(second.closed(), "closing the publisher closes its producer");
    }

    @Test
    void aRecordExactlyAsLargeAsTheTopicTakesIsSent() throws Exception {
        MockProducer<String, CloudEvent> producer = mock(true);
        CloudEvent event = event("P9.1", 1);
        int size = event.getData().toBytes().length + 1024;
        List<EventPublisher.Published> published = publisher(size).publish(List.of(event));
        assertEquals(List.of(event), events(published));
        assertEquals(0, published.get(0).offset(), "each event comes back with its place in the topic");
        assertEquals(1, producer.history().size());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void aRecordThatCannotBeSerializedGoesToTheDeadLettersAndTheStoreIsRetriedUntilItTakesIt() throws Exception {
        MockProducer<String, CloudEvent> producer = mock(true);
        producer.sendException = new org.apache.kafka.common.errors.SerializationException("cannot write");
        AtomicInteger storeAttempts = new AtomicInteger();
        EventPublisher publisher = new EventPublisher(
                producers::poll,
                "t",
                1_000_000,
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                Duration.ofSeconds(5),
                (event, reason) -> {
                    if (storeAttempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("the database is restarting");
                    }
                    deadLetters.add(reason);
                },
                meter());
        assertEquals(List.of(), events(publisher.publish(List.of(event("P9.2", 1)))));
        assertEquals(3, storeAttempts.get());
        assertEquals(List.of("org.apache.kafka.common.errors.SerializationException: cannot write"), deadLetters);
    }

    @Test
    void aReplayRefusedByTheBrokerOrUnansweredSaysSoAndReplacesTheProducerOnlyWhenUnanswered() throws Exception {
        MockProducer<String, CloudEvent> producer = mock(false);
        EventPublisher patient = publisher(1_000_000);
        Future<EventPublisher.Outcome> refused = background.submit(() -> patient.publishOnce(event("P9.3", 1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new RecordTooLargeException("too large"));
        assertTrue(refused.get().refusedForGood());
        assertFalse(producer.closed());

        MockProducer<String, CloudEvent> silent = mock(false);
        EventPublisher hasty = publisher(1_000_000, Duration.ofMillis(1), Duration.ofMillis(50));
        EventPublisher.Outcome outcome = hasty.publishOnce(event("P9.3", 2));
        assertFalse(outcome.published());
        assertFalse(outcome.refusedForGood());
        assertTrue(silent.closed(), "a producer that did not answer is replaced");
        assertEquals(0, published.get());

        MockProducer<String, CloudEvent> next = mock(true);
        assertTrue(hasty.publishOnce(event("P9.3", 3)).published());
        assertEquals(1, published.get());
        assertEquals(1, next.history().size());
    }

    private List<CloudEvent> resultWhile(
            Future<List<CloudEvent>> result, MockProducer<String, CloudEvent> producer, int acks) throws Exception {
        for (int i = 0; i < acks; i++) {
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == expected);
            producer.completeNext();
        }
        return result.get();
    }

    private EventPublisher publisher(int maxRecordBytes) {
        return publisher(maxRecordBytes, Duration.ofMillis(1), Duration.ofSeconds(5));
    }

    private EventPublisher publisher(int maxRecordBytes, Duration backoff, Duration deliveryTimeout) {
        return new EventPublisher(
                () -> {
                    MockProducer<String, CloudEvent> next = producers.poll();
                    if (next == null) {
                        throw new AssertionError("the test provides no further producer");
                    }
                    used.add(next);
                    return next;
                },
                "status-changes-test",
                maxRecordBytes,
                backoff,
                backoff.multipliedBy(5),
                deliveryTimeout,
                (event, reason) -> deadLetters.add(event.getId() + ": " + reason),
                meter());
    }

    private EventPublisher.Meter meter() {
        return new EventPublisher.Meter() {
            @Override
            public void published(int count) {
                published.addAndGet(count);
            }

            @Override
            public void failedAttempt() {
                failedAttempts.incrementAndGet();
            }

            @Override
            public void deadLettered() {
                deadLettered.incrementAndGet();
            }
        };
    }

    private MockProducer<String, CloudEvent> mock(boolean autoComplete) {
        MockProducer<String, CloudEvent> producer =
                new MockProducer<>(autoComplete, null, new StringSerializer(), serializer());
        producers.add(producer);
        return producer;
    }

    private static CloudEventSerializer serializer() {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        return serializer;
    }

    private static CloudEvent event(String subject, long sequence) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/task-service"))
                .withType("tracker.item.status-changed")
                .withSubject(subject)
                .withTime(OffsetDateTime.now())
                .withExtension("sequence", sequence)
                .withData("application/json", ("{\"itemCode\": \"" + subject + "\"}").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static List<String> ids(List<?> eventsOrRecords) {
        List<String> ids = new ArrayList<>();
        for (Object item : eventsOrRecords) {
            CloudEvent event =
                    item instanceof ProducerRecord<?, ?> record ? (CloudEvent) record.value() : (CloudEvent) item;
            ids.add(event.getId());
        }
        return ids;
    }

    /**
     * A producer whose n-th send fails at once, the way a real one does when it cannot get the
     * topic's metadata: the callback is told, the future fails, nothing is sent.
     */
    private static final class FailingProducer extends MockProducer<String, CloudEvent> {

        private final int failingSend;
        private int sends;

        FailingProducer(int failingSend) {
            super(true, null, new StringSerializer(), serializer());
            this.failingSend = failingSend;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record, Callback callback) {
            if (closed()) {
                throw new IllegalStateException("MockProducer is already closed.");
            }
            if (++sends == failingSend) {
                TimeoutException error = new TimeoutException("Topic not present in metadata after 5000 ms");
                if (callback != null) {
                    callback.onCompletion(null, error);
                }
                return CompletableFuture.failedFuture(error);
            }
            return super.send(record, callback);
        }
    }

    private static List<CloudEvent> events(List<EventPublisher.Published> published) {
        return published.stream().map(EventPublisher.Published::event).toList();
    }
}
