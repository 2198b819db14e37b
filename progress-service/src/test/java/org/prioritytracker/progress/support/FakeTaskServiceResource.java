package org.prioritytracker.progress.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points progress-service's task-service client at {@link FakeTaskService}. */
public class FakeTaskServiceResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.rest-client.task-service.url", FakeTaskService.get().url());
    }

    @Override
    public void stop() {
        FakeTaskService.get().down();
    }
}
