package dev.weft.flow.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ErrorHandler;
import dev.weft.flow.function.RetryPredicate;
import dev.weft.flow.function.ThrowingPredicate;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * {@code catchError}, {@code retry}, {@code retryWhen}: the operators that act on failures of the
 * upstream and only of the upstream (exception transparency). The downstream collector is wrapped
 * to remember what it threw; an exception that is, or is caused by, a downstream failure, and a
 * cancellation of the collecting coroutine, pass through untouched.
 */
public final class ErrorOps {
    private ErrorOps() {
    }

    public static <T> Flow<T> catchError(Flow<T> upstream, ErrorHandler<T> handler) {
        Objects.requireNonNull(handler, "handler");
        return collector -> {
            Throwable failure = collectCatching(upstream, collector);
            if (failure != null) {
                new SafeCollector<T>(collector, "catchError").run(out -> handler.handle(failure, out));
            }
        };
    }

    public static <T> Flow<T> retry(Flow<T> upstream, long retries, ThrowingPredicate<? super Throwable> predicate) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        Objects.requireNonNull(predicate, "predicate");
        return retryWhen(upstream, (cause, attempt) -> attempt < retries && predicate.test(cause));
    }

    public static <T> Flow<T> retryWhen(Flow<T> upstream, RetryPredicate predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return collector -> {
            for (long attempt = 0; ; attempt++) {
                Throwable failure = collectCatching(upstream, collector);
                if (failure == null) {
                    return;
                }
                boolean again;
                try {
                    again = predicate.shouldRetry(failure, attempt);
                } catch (Throwable t) {
                    Throwables.addSuppressed(t, failure);
                    throw t;
                }
                if (!again) {
                    throw Throwables.asException(failure);
                }
            }
        };
    }

    /**
     * Collects {@code upstream} into {@code collector} and returns the upstream's failure, or null
     * if it completed. Downstream failures and cancellations of the caller are rethrown.
     */
    static <T> @Nullable Throwable collectCatching(Flow<T> upstream, FlowCollector<? super T> collector)
            throws Exception {
        Tracker<T> tracker = new Tracker<>(collector);
        try {
            upstream.collect(tracker);
            return null;
        } catch (Throwable e) {
            Throwable down = tracker.failure;
            if (down != null) {
                if (Throwables.causedBy(e, down)) {
                    throw e;
                }
                // the upstream failed anew while unwinding from what the downstream threw
                if (e instanceof CancellationException) {
                    Throwables.addSuppressed(e, down);
                    throw e;
                }
                if (down instanceof CancellationException) {
                    // The downstream stopped (an early stop such as take's, or a cancellation) and
                    // the upstream's cleanup failed: that failure replaces the stop, as it does
                    // without this operator (Java's finally), and is neither handled nor retried:
                    // the downstream wants nothing more. Kept as a suppressed exception of the
                    // stop, it would vanish with the stop at the operator that owns it.
                    throw e;
                }
                Throwables.addSuppressed(down, e);
                throw Throwables.asException(down);
            }
            if (e instanceof AbortFlowException || (e instanceof CancellationException && Cancellation.isCancelled())) {
                throw e;
            }
            return e;
        }
    }

    /** Passes elements on and remembers what the downstream threw. */
    private static final class Tracker<T> implements FlowCollector<T> {
        private final FlowCollector<? super T> downstream;
        @Nullable Throwable failure;

        Tracker(FlowCollector<? super T> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void emit(T value) throws Exception {
            try {
                downstream.emit(value);
            } catch (Throwable t) {
                failure = t;
                throw t;
            }
        }
    }
}
