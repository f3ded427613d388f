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

    /** The name of {@link dev.weft.core.Dispatchers#DEFAULT} and the prefix of its carriers. */
    private static final String DEFAULT_NAME = "weft-default";
    /** The name of {@link dev.weft.core.Dispatchers#IO} and the prefix of its carriers. */
    private static final String IO_NAME = "weft-io";

    private static final class DefaultHolder {
        static final AbstractDispatcher DEFAULT = defaultPool();
    }

    private static final class IoHolder {
        static final AbstractDispatcher IO = elastic(IO_NAME, Math.max(64, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The notice that weft runs without its own carriers: logged by the initialization of this
     * class, so once per JVM, by whichever shared dispatcher falls back first; it names every
     * dispatcher the missing option affects, so the second one to fall back has nothing to add.
     */
    private static final class FallbackNotice {
        static {
            Log.info("weft: JVM started without " + VirtualThreads.FLAG + ": Dispatchers.DEFAULT ('"
                    + DEFAULT_NAME + "') and Dispatchers.IO ('" + IO_NAME + "') fall back to the JDK's default"
                    + " virtual-thread scheduler (same semantics, shared carriers), and Dispatchers.newSingleThread,"
                    + " newFixed and from throw IllegalStateException. Add the option to run coroutines on"
                    + " weft's own carriers.");
        }

        private FallbackNotice() {
        }

        static void logOnce() {
            // the static initializer above does the work, the first time only
        }
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
        String name = DEFAULT_NAME;
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
        FallbackNotice.logOnce();
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
