package org.prioritytracker.notification.event;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Every event published to the topic, once per (source, id), for readers that catch up through
 * {@code GET /api/events} rather than Kafka. Written after the broker acknowledged the events.
 */
@ApplicationScoped
public class EventLog {

    private final EntityManager entityManager;

    public EventLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void record(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (CloudEvent event : events) {
                Object province = event.getExtension("province");
                entityManager.createNativeQuery("""
                        INSERT INTO published_event (source, id, type, subject, province, time, sequence, event)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb))
                        ON CONFLICT (source, id) DO NOTHING""")
                        .setParameter(1, event.getSource().toString())
                        .setParameter(2, event.getId())
                        .setParameter(3, event.getType())
                        .setParameter(4, event.getSubject())
                        .setParameter(5, province == null ? null : province.toString())
                        .setParameter(6, event.getTime())
                        .setParameter(7, Long.parseLong(String.valueOf(event.getExtension("sequence"))))
                        .setParameter(8, CloudEventJson.write(event))
                        .executeUpdate();
            }
        });
    }
}
