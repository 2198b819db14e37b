package org.prioritytracker.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under test at the test broker and its topic, starting the broker when nothing
 * listens on its port (stopped again at the end; a broker that was already up is left as it was).
 */
public class TestBrokerResource implements QuarkusTestResourceLifecycleManager {

    private boolean startedHere;

    @Override
    public Map<String, String> start() {
        startedHere = TestBroker.ensureRunning();
        return Map.of("kafka.bootstrap.servers", TestBroker.BOOTSTRAP, "tracker.kafka.topic", TestBroker.TOPIC);
    }

    @Override
    public void stop() {
        if (startedHere) {
            TestBroker.stop();
        }
    }
}
