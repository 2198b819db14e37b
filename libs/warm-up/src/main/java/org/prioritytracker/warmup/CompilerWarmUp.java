package org.prioritytracker.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits until the JIT compiler has finished the start-up's burst of compilations. On a machine with
 * few cores the first requests otherwise compete with it for the CPU (docs/performance.md, "The first
 * seconds after a deploy"). Settled means: in one window the compiler was busy for at most a share of it.
 */
@ApplicationScoped
public class CompilerWarmUp implements WarmUpStep {

    private final LongSupplier compilationMillis;
    private final Duration window;
    private final double busyShare;

    @Inject
    public CompilerWarmUp(WarmUpConfig config) {
        this(compilationMillis(), config.compilerWindow(), config.compilerBusyShare());
    }

    CompilerWarmUp(LongSupplier compilationMillis, Duration window, double busyShare) {
        this.compilationMillis = compilationMillis;
        this.window = window;
        this.busyShare = busyShare;
    }

    @Override
    public String name() {
        return "compiler";
    }

    @Override
    public void run() throws InterruptedException, CompilerBusyException {
        long before = compilationMillis.getAsLong();
        Thread.sleep(window.toMillis());
        long busy = compilationMillis.getAsLong() - before;
        if (busy > window.toMillis() * busyShare) {
            throw new CompilerBusyException(busy, window);
        }
    }

    /** The JVM's accumulated compilation time, or a constant where the JVM does not measure it (always settled). */
    private static LongSupplier compilationMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return () -> 0;
        }
        return compiler::getTotalCompilationTime;
    }

    /** The compiler was still busy: tried again after a pause. */
    static final class CompilerBusyException extends Exception {

        CompilerBusyException(long busyMillis, Duration window) {
            super("the compiler worked " + busyMillis + " ms of the last " + window.toMillis() + " ms");
        }
    }
}
