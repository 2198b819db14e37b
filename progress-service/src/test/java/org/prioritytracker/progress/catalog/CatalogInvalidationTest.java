package org.prioritytracker.progress.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.TestBroker;
import org.prioritytracker.testsupport.TestBrokerResource;

/** An item the ministry edits is looked up again at once, because its event on the topic drops the cached copy. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
@WithTestResource(TestBrokerResource.class)
class CatalogInvalidationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ItemCatalog catalog;

    @Inject
    CatalogInvalidation invalidation;

    @Inject
    TestData data;

    @BeforeEach
    void clean() {
        data.reset();
    }

    @Test
    void anItemUpdatedEventDropsTheCachedCopy() {
        await().atMost(WAIT).until(invalidation::isFollowing);
        catalog.item("P3.2");
        int afterFirstLookUp = FakeTaskService.get().requests();
        catalog.item("P3.2");
        assertEquals(afterFirstLookUp, FakeTaskService.get().requests(), "cached");

        publish("P3.2", "tracker.item.status-changed");
        publish("P3.2", "tracker.item.updated");
        await().atMost(WAIT).until(() -> {
            catalog.item("P3.2");
            return FakeTaskService.get().requests() > afterFirstLookUp;
        });
    }

    private static void publish(String subject, String type) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TestBroker.TOPIC, subject, "{}");
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
    }
}
