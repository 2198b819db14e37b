package org.prioritytracker.notification.capture;

import io.debezium.connector.postgresql.PostgresConnectorTask;

/**
 * Which {@code ChangeEventQueue} the capture's connector runs: the patched copy of
 * libs/debezium-patches (it waits instead of spinning while the capture is idle) or Debezium's
 * original. Asked of the connector's own class loader, which is the one that decides.
 */
final class CaptureQueue {

    private static final String QUEUE = "io.debezium.connector.base.ChangeEventQueue";

    private CaptureQueue() {}

    /** "patched copy of Debezium 3.6.1.Final", or "Debezium's original". */
    static String loaded() {
        try {
            Class<?> queue = Class.forName(QUEUE, false, PostgresConnectorTask.class.getClassLoader());
            return "patched copy of Debezium "
                    + queue.getField("PRIORITY_TRACKER_PATCH_OF").get(null);
        } catch (NoSuchFieldException e) {
            return "Debezium's original";
        } catch (ReflectiveOperationException e) {
            return "unknown (" + e + ")";
        }
    }
}
