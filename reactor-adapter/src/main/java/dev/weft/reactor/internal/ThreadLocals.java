package dev.weft.reactor.internal;

import java.util.concurrent.Callable;
import reactor.core.publisher.Hooks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * ThreadLocal propagation through {@code io.micrometer:context-propagation}, an optional
 * dependency: every method is a no-op when the library is not on the class path or Reactor's
 * automatic context propagation ({@link Hooks#enableAutomaticContextPropagation()}) is off, the
 * same condition under which Reactor itself restores ThreadLocals. Only this class touches
 * {@link MicrometerBridge}, so the library's classes are never loaded when it is absent.
 */
public final class ThreadLocals {
    private static final boolean PRESENT = present();

    private ThreadLocals() {
    }

    private static boolean present() {
        try {
            Class.forName("io.micrometer.context.ContextRegistry", false, ThreadLocals.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Tells whether ThreadLocals are propagated now.
     *
     * @return true if the library is present and Reactor's automatic propagation is on
     */
    public static boolean active() {
        return PRESENT && Hooks.isAutomaticContextPropagationEnabled();
    }

    /**
     * Adds the calling thread's registered ThreadLocal values to {@code context}, as Reactor's
     * {@code contextCapture()} and {@code block()} do.
     *
     * @param context the context to add to
     * @return the context with the captured values (the same one when propagation is off)
     */
    public static Context capture(Context context) {
        return active() ? MicrometerBridge.capture(context) : context;
    }

    /**
     * Runs {@code block} with the registered ThreadLocals set from {@code view}, restoring their
     * previous values afterwards (so nested calls unwind in order).
     *
     * @param view the Reactor context holding the values
     * @param block the code to run
     * @param <T> the result type
     * @return the block's result
     * @throws Exception what the block throws
     */
    public static <T> T restoring(ContextView view, Callable<T> block) throws Exception {
        if (!active() || view.isEmpty()) {
            return block.call();
        }
        return MicrometerBridge.restoring(view, block);
    }
}
