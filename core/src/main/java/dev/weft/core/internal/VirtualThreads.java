package dev.weft.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one place that reaches the JDK's virtual-thread builder which takes a carrier
 * {@link Executor} ({@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)}, package-private
 * in JDK 21-25). Reaching it needs {@value #FLAG} on the command line (or
 * {@code =dev.weft.core} on the module path). See docs/adr/0001.
 */
public final class VirtualThreads {
    /** The JVM option that makes weft's own carrier pools possible. */
    public static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final @Nullable MethodHandle BUILDER;
    /** {@code Thread.currentCarrierThread()}, to find the carrier under a mounted virtual thread. */
    private static final @Nullable MethodHandle CURRENT_CARRIER;
    private static final @Nullable Throwable UNAVAILABLE;

    static {
        MethodHandle mh = null;
        Throwable failure = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> k = c.getDeclaredConstructor(Executor.class);
            k.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(k);
        } catch (ReflectiveOperationException | RuntimeException e) {
            failure = e;
        }
        BUILDER = mh;
        UNAVAILABLE = failure;
        MethodHandle carrier = null;
        try {
            carrier = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // without the flag weft has no carriers of its own, so nobody asks
        }
        CURRENT_CARRIER = carrier;
    }

    /**
     * Returns the platform thread the caller runs on: the caller itself, or the carrier it is
     * mounted on if it is a virtual thread. Carriers use it to tell a wake-up from one of their own
     * coroutines (which they may run next without any signal) from one coming from elsewhere.
     *
     * @return the carrier, or null if it cannot be known (JVM started without {@value #FLAG})
     */
    public static @Nullable Thread currentCarrier() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return t;
        }
        MethodHandle mh = CURRENT_CARRIER;
        if (mh == null) {
            return null;
        }
        try {
            return (Thread) mh.invokeExact();
        } catch (Throwable e) {
            return null;
        }
    }

    private VirtualThreads() {
    }

    /** @return whether virtual threads can run on carriers weft supplies */
    public static boolean available() {
        return BUILDER != null;
    }

    /**
     * Returns a factory of virtual threads whose continuations run on {@code carriers}.
     *
     * @throws IllegalStateException naming {@value #FLAG} if the JVM was started without it
     */
    public static ThreadFactory factory(Executor carriers, String dispatcherName) {
        MethodHandle mh = BUILDER;
        if (mh == null) {
            throw new IllegalStateException("dispatcher '" + dispatcherName
                    + "' needs its own carrier threads, which requires the JVM option " + FLAG
                    + " (weft reaches the JDK's virtual-thread builder for a custom executor through it)",
                    UNAVAILABLE);
        }
        try {
            return ((Thread.Builder.OfVirtual) mh.invoke(carriers)).factory();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a virtual-thread builder for dispatcher '"
                    + dispatcherName + "'", t);
        }
    }
}
