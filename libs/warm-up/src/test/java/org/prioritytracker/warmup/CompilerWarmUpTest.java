package org.prioritytracker.warmup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompilerWarmUpTest {

    private static final Duration WINDOW = Duration.ofMillis(20);

    @Test
    void aCompilerBusyForMoreThanItsShareOfTheWindowIsNotSettled() {
        AtomicLong millis = new AtomicLong();
        // Each reading is 5 ms later in compile time: 5 of 20 ms is more than a tenth.
        CompilerWarmUp step = new CompilerWarmUp(() -> millis.getAndAdd(5), WINDOW, 0.1);

        CompilerWarmUp.CompilerBusyException busy = assertThrows(CompilerWarmUp.CompilerBusyException.class, step::run);
        assertEquals("the compiler worked 5 ms of the last 20 ms", busy.getMessage());
    }

    @Test
    void aCompilerBusyForAtMostItsShareIsSettled() {
        AtomicLong millis = new AtomicLong();
        CompilerWarmUp step = new CompilerWarmUp(() -> millis.getAndAdd(2), WINDOW, 0.1);

        assertDoesNotThrow(step::run);
    }
}
