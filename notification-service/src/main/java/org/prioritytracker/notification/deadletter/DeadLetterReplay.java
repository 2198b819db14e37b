package org.prioritytracker.notification.deadletter;

import io.cloudevents.CloudEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.prioritytracker.notification.event.EventLog;
import org.prioritytracker.notification.publish.EventPublisher;
import org.prioritytracker.notification.publish.Publishers;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** Publishes a dead letter again, once, with a producer of its own. */
@ApplicationScoped
public class DeadLetterReplay {

    private final DeadLetterStore store;
    private final EventLog log;
    private final EventPublisher publisher;

    public DeadLetterReplay(DeadLetterStore store, EventLog log, Publishers publishers) {
        this.store = store;
        this.log = log;
        this.publisher = publishers.create("replay");
    }

    /** Returns the replayed event; a 422 problem when the broker refuses it again, 503 when it does not answer. */
    public CloudEvent replay(long position) throws InterruptedException {
        CloudEvent event = store.event(position).orElseThrow(() -> notFound(position));
        EventPublisher.Outcome outcome = publisher.publishOnce(event);
        if (outcome.published()) {
            log.record(List.of(outcome.record()));
            store.markReplayed(position);
            return event;
        }
        if (outcome.refusedForGood()) {
            throw new ProblemException(Problem.of(
                    422,
                    "Unprocessable Content",
                    "The broker refused the event again: " + outcome.reason(),
                    List.of()));
        }
        throw new ProblemException(
                Problem.of(
                        503,
                        "Service Unavailable",
                        "The broker did not answer: " + outcome.reason() + ". Retry later.",
                        List.of()),
                Map.of("Retry-After", "10"));
    }

    static ProblemException notFound(long position) {
        return ProblemException.notFound("No dead letter at position " + position + ".");
    }

    @PreDestroy
    void close() {
        publisher.close();
    }
}
