package dev.weft.rxjava3.internal;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerScope;
import dev.weft.flow.Flow;
import dev.weft.rxjava3.ObservableOverflow;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code RxFlows.asFlow(Observable, ObservableOverflow)}: a {@code callbackFlow} whose Observer
 * only ever {@code trySend}s, so the Observable's thread never parks; the policy is the capacity and
 * overflow of the one channel (a following {@code buffer}/{@code conflate} fuses with it). For
 * {@code ERROR}, a refused {@code trySend} on a channel that is still open means the buffer is full:
 * the Observer disposes the Observable and closes the channel with a
 * {@link MissingBackpressureException}, so the collector gets what was buffered, then the error.
 */
public final class ObservableFlow {

    private ObservableFlow() {
    }

    /**
     * The flow of {@code source} under {@code policy}.
     *
     * @param source the Observable
     * @param policy the overflow policy
     * @param <T> the element type
     * @return a cold flow; each collection subscribes anew
     */
    public static <T> Flow<T> of(Observable<? extends T> source, ObservableOverflow policy) {
        Flow<T> f = Flow.callbackFlow(scope -> {
            Relay<T> relay = new Relay<>(scope, source, policy);
            source.subscribe(relay);
            scope.awaitClose(relay::dispose);
        });
        return switch (policy.strategy()) {
            case ERROR -> f.buffer(policy.capacity());
            case DROP_OLDEST -> f.buffer(policy.capacity(), BufferOverflow.DROP_OLDEST);
            case DROP_LATEST -> f.buffer(policy.capacity(), BufferOverflow.DROP_LATEST);
            case KEEP_LATEST -> f.conflate();
            case UNBOUNDED -> f.buffer(Channel.UNLIMITED);
        };
    }

    /**
     * The Observer: offers, never waits. Its signals are serial (Observable contract).
     *
     * @param <T> the element type
     */
    private static final class Relay<T> extends AtomicReference<Disposable> implements Observer<T> {
        private static final long serialVersionUID = 1L;
        private static final Disposable DISPOSED = Disposable.empty();

        private final ProducerScope<T> scope;
        private final Object source;
        private final ObservableOverflow policy;
        private boolean done;

        Relay(ProducerScope<T> scope, Object source, ObservableOverflow policy) {
            this.scope = scope;
            this.source = source;
            this.policy = policy;
        }

        @Override
        public void onSubscribe(Disposable d) {
            if (!compareAndSet(null, d)) {
                d.dispose(); // disposed already, or a second onSubscribe
            }
        }

        @Override
        public void onNext(T t) {
            if (done) {
                return;
            }
            ChannelResult<Void> r = scope.trySend(t);
            if (r.isSuccess()) {
                return;
            }
            done = true;
            dispose();
            if (!r.isClosed()) { // full: only the ERROR policy refuses
                scope.close(new MissingBackpressureException("asFlow(" + source + ", " + policy
                        + "): more than " + policy.capacity() + " elements were waiting for the collector;"
                        + " collect faster or choose another ObservableOverflow"));
            }
        }

        @Override
        public void onError(Throwable e) {
            if (done) {
                Undeliverable.report(e, "asFlow(" + source + "): onError after the flow had ended");
                return;
            }
            done = true;
            if (!scope.close(e)) {
                Undeliverable.report(e, "asFlow(" + source + "): onError after the collection had ended");
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                scope.close();
            }
        }

        void dispose() {
            Disposable d = getAndSet(DISPOSED);
            if (d != null && d != DISPOSED) {
                d.dispose();
            }
        }
    }
}
