package org.prioritytracker.task.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the relay at the test's {@link EventReceiver}, with short retry intervals. */
public class EventReceiverResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "tracker.outbox.relay.notification-url", EventReceiver.get().url(),
                // Long poll: a delivery within a second or two proves that the commit woke the relay.
                "tracker.outbox.relay.poll-interval", "60s",
                "tracker.outbox.relay.initial-backoff", "50ms",
                "tracker.outbox.relay.max-backoff", "500ms");
    }

    @Override
    public void stop() {
        EventReceiver.get().down();
    }
}
