package io.debezium.connector.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The copy is of the Debezium the build uses: a new debezium.version needs a new copy first. */
class PatchedFromTest {

    @Test
    void theCopyIsOfTheDebeziumVersionTheBuildUses() {
        String built = System.getProperty("debezium.version");
        assertEquals(
                built,
                ChangeEventQueue.PRIORITY_TRACKER_PATCH_OF,
                () -> "debezium.version is " + built
                        + " but libs/debezium-patches/src/main/java/io/debezium/connector/base/ChangeEventQueue.java is a copy of "
                        + "Debezium " + ChangeEventQueue.PRIORITY_TRACKER_PATCH_OF
                        + ": copy Debezium's io/debezium/connector/base/"
                        + "ChangeEventQueue.java (module debezium-connector-common) at tag v" + built
                        + " over it, apply again the changes marked "
                        + "\"priority-tracker patch\" (the nanosecond wait in poll() and this version), and run the capture's tests "
                        + "and bench/run (docs/performance.md, \"The capture's idle spin\"); or drop the copy if "
                        + built
                        + " waits in nanoseconds itself");
    }
}
