package dev.weft.core.internal;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Dispatcher;
import dev.weft.core.Disposable;
import dev.weft.core.TimeSource;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/** Creates weft's dispatchers; {@link dev.weft.core.Dispatchers} delegates here. */
public final class DispatcherFactory {
    private DispatcherFactory() {
    }

    private static final class DefaultHolder {
        static final AbstractDispatcher DEFAULT = defaultPool();
    }

    private static final class IoHolder {
        static final AbstractDispatcher IO = elastic("weft-io", Math.max(64, Runtime.getRuntime().availableProcessors()));
    }

    private static final class FallbackHolder {
        static final ForkJoinPool CARRIERS = PoolDispatcher.newPool("weft-fallback",
                Runtime.getRuntime().availableProcessors());
    }

    /** @return the default dispatcher */
    public static AbstractDispatcher defaultDispatcher() {
        return DefaultHolder.DEFAULT;
    }

    /** @return the IO dispatcher */
    public static AbstractDispatcher io() {
        return IoHolder.IO;
    }

    static Executor fallbackCarriers() {
        return FallbackHolder.CARRIERS;
    }

    private static AbstractDispatcher defaultPool() {
        String name = "weft-default";
        if (!VirtualThreads.available()) {
            return fallback(name);
        }
        return new PoolDispatcher(name, new CarrierScheduler(name, Runtime.getRuntime().availableProcessors()));
    }

    /** An elastic pool for blocking work: carriers start on demand and end after 30 s idle. */
    private static AbstractDispatcher elastic(String name, int maxCarriers) {
        if (!VirtualThreads.available()) {
            return fallback(name);
        }
        ForkJoinPool pool = PoolDispatcher.newPool(name, maxCarriers);
        return new PoolDispatcher(name, pool);
    }

    private static AbstractDispatcher fallback(String name) {
        Log.info("weft: JVM started without " + VirtualThreads.FLAG + "; dispatcher '" + name
                + "' falls back to the JDK's default virtual-thread scheduler (same semantics, shared carriers)");
        return new JdkDispatcher(name);
    }

    /** @see dev.weft.core.Dispatchers#newSingleThread(String) */
    public static CloseableDispatcher newSingleThread(String name) {
        checkName(name);
        return new ClosablePoolDispatcher(name, 1);
    }

    /** @see dev.weft.core.Dispatchers#newFixed(int, String) */
    public static CloseableDispatcher newFixed(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        checkName(name);
        return new ClosablePoolDispatcher(name, threads);
    }

    /** @see dev.weft.core.Dispatchers#from(Executor) */
    public static Dispatcher from(Executor executor, String name) {
        Objects.requireNonNull(executor, "executor");
        checkName(name);
        return new ExecutorDispatcher(name, executor);
    }

    /** @see dev.weft.core.Dispatchers#from(Executor, TimeSource) */
    public static Dispatcher from(Executor executor, TimeSource time, String name) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(time, "time");
        checkName(name);
        return new TimedDispatcher(new ExecutorDispatcher(name, executor), time);
    }

    private static final class SystemTimeHolder {
        static final TimeSource SYSTEM = new TimeSource() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Disposable schedule(Runnable action, long delayNanos) {
                return Timer.schedule(action, delayNanos);
            }

            @Override
            public String toString() {
                return "TimeSource.system()";
            }
        };
    }

    /** @see TimeSource#system() */
    public static TimeSource systemTime() {
        return SystemTimeHolder.SYSTEM;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("dispatcher name must not be blank");
        }
    }

    /**
     * Checks that {@code d} is one of weft's dispatchers.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static AbstractDispatcher require(Dispatcher d) {
        if (d instanceof AbstractDispatcher a) {
            return a;
        }
        throw new IllegalArgumentException("unsupported Dispatcher implementation " + d.getClass().getName()
                + ": use the dispatchers of dev.weft.core.Dispatchers (Dispatchers.from(executor) wraps an Executor)");
    }
}
