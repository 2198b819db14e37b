package org.prioritytracker.progress.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The next event sequence of a subject (item code); the row lock makes it strictly increasing. */
@ApplicationScoped
public class Sequences {

    private final EntityManager entityManager;

    public Sequences(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long next(String itemCode) {
        return ((Number) entityManager.createNativeQuery("""
                INSERT INTO item_event_sequence (item_code, last_sequence) VALUES (?1, 1)
                ON CONFLICT (item_code) DO UPDATE SET last_sequence = item_event_sequence.last_sequence + 1
                RETURNING last_sequence""").setParameter(1, itemCode).getSingleResult()).longValue();
    }
}
