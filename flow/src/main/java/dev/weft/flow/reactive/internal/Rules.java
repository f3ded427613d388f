package dev.weft.flow.reactive.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.flow.reactive.DroppedErrorHandler;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * The errors weft raises when the other side of a Reactive Streams boundary breaks a rule of the
 * specification: each message starts with the rule's number, and the failure reaches whoever
 * collects or awaits, or (when nobody is left to receive it) the log.
 */
public final class Rules {
    private static final System.Logger LOG = System.getLogger("dev.weft.flow.reactive");

    /** The default {@link DroppedErrorHandler}: the logger, at the level each kind of drop deserves. */
    public static final DroppedErrorHandler LOGGING = new DroppedErrorHandler() {
        @Override
        public void onErrorDropped(Throwable error, CoroutineContext context) {
            LOG.log(Level.WARNING, "undeliverable error dropped by the Reactive Streams bridge", error);
        }

        @Override
        public String toString() {
            return "DroppedErrorHandler.logging()";
        }
    };

    private Rules() {
    }

    /**
     * Builds the failure for a broken rule.
     *
     * @param rule   the rule's number, such as {@code "§1.1"}
     * @param source who broke it (a Publisher, a Subscriber)
     * @param what   what happened
     * @return an {@link IllegalStateException} whose message starts with the rule
     */
    public static IllegalStateException violation(String rule, Object source, String what) {
        return new IllegalStateException(rule + " violated by " + describe(source) + ": " + what);
    }

    /** @return a {@link NullPointerException} for a null signal argument (rule §2.13) */
    static NullPointerException nullSignal(Object source, String signal) {
        return new NullPointerException("§2.13 violated by " + describe(source) + ": " + signal
                + " was called with null");
    }

    /** Routes a rule violation that no collector or awaiting caller can receive any more. */
    static void dropped(DroppedErrorHandler h, CoroutineContext ctx, Throwable violation) {
        if (h == LOGGING) {
            LOG.log(Level.WARNING, "Reactive Streams violation after the consumer had finished; dropped", violation);
        } else {
            route(h, ctx, violation);
        }
    }

    /**
     * Routes an error that arrived after the subscription was cancelled (legal, §2.8 / §1.8), or a
     * producer's failure after its subscriber cancelled.
     */
    static void droppedAfterCancel(DroppedErrorHandler h, CoroutineContext ctx, Object source, Throwable error) {
        if (h == LOGGING) {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "error of " + describe(source) + " after cancel; dropped", error);
            }
        } else {
            route(h, ctx, error);
        }
    }

    /** Routes a failure of a Subscriber's signal method (§2.13): its subscription counts as cancelled. */
    static void subscriberFailed(DroppedErrorHandler h, CoroutineContext ctx, @Nullable Object subscriber,
                                 String signal, Throwable t) {
        if (h == LOGGING) {
            LOG.log(Level.WARNING, "§2.13 violated by " + describe(subscriber) + ": " + signal
                    + " threw; its subscription is cancelled", t);
        } else {
            route(h, ctx, t);
        }
    }

    private static void route(DroppedErrorHandler h, CoroutineContext ctx, Throwable error) {
        try {
            h.onErrorDropped(error, ctx);
        } catch (Throwable t) {
            if (t != error) {
                t.addSuppressed(error);
            }
            LOG.log(Level.ERROR, "the dropped-error handler " + describe(h) + " threw; the dropped error is attached", t);
        }
    }

    static String describe(@Nullable Object o) {
        if (o == null) {
            return "null";
        }
        String s;
        try {
            s = String.valueOf(o);
        } catch (RuntimeException e) {
            s = o.getClass().getName();
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
