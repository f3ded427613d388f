package dev.weft.rxjava3.internal;

import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The coroutine builders ({@code rxSingle} ... {@code rxObservable}) and the conversions of a
 * running {@link Deferred} or {@link Job}. The builders are cold: every subscription runs the block
 * in a coroutine of its own, through the bridge (demand, cancellation and terminal signals are the
 * bridge's; RxJava's {@code fromPublisher} adapts the Publisher): {@code rxFlowable} and
 * {@code rxObservable} through {@code publish} (a producer scope to send from and launch helpers
 * in), {@code rxSingle}, {@code rxMaybe} and {@code rxCompletable} through {@code asPublisher} of a
 * one-element flow (a block with no scope needs no producer scope, which saves a scope job and a
 * send lock per subscription).
 */
public final class Builders {

    private Builders() {
    }

    /**
     * {@code rxSingle(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      computes the value
     * @param <T> the value type
     * @return the Single
     */
    public static <T> Single<T> rxSingle(Dispatcher dispatcher, Callable<? extends T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Single.fromPublisher(Bridge.asPublisher(new OneValue<T>(block, Kind.SINGLE), dispatcher, "rxSingle"));
    }

    /**
     * {@code rxMaybe(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      computes the value, or null for none
     * @param <T> the value type
     * @return the Maybe
     */
    public static <T> Maybe<T> rxMaybe(Dispatcher dispatcher, Callable<? extends T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Maybe.fromPublisher(Bridge.asPublisher(new OneValue<T>(block, Kind.MAYBE), dispatcher, "rxMaybe"));
    }

    /**
     * {@code rxCompletable(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the work
     * @return the Completable
     */
    public static Completable rxCompletable(Dispatcher dispatcher, ThrowingRunnable block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Completable.fromPublisher(Bridge.asPublisher(new OneValue<Object>(() -> {
            block.run();
            return null;
        }, Kind.COMPLETABLE), dispatcher, "rxCompletable"));
    }

    /**
     * The flow behind {@code rxSingle}/{@code rxMaybe}/{@code rxCompletable}: at most one element,
     * emitted straight from the subscription's coroutine. It implements {@link Flow} itself rather
     * than going through {@code Flow.flow}, whose per-collection guard (emits only from the
     * collecting coroutine, none after the block returns) protects a block that is handed the
     * collector; this block never is, and the one emit below is the last thing it does.
     */
    private static final class OneValue<T> implements Flow<T> {
        private final Callable<? extends T> block;
        private final Kind kind;

        OneValue(Callable<? extends T> block, Kind kind) {
            this.block = block;
            this.kind = kind;
        }

        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            T v = block.call();
            if (v != null) {
                collector.emit(v);
            } else if (kind == Kind.SINGLE) {
                throw new NullPointerException("rxSingle(" + block + "): the block returned null, but a Single must"
                        + " have a value; use rxMaybe for a result that may be absent");
            }
        }

        @Override
        public String toString() {
            return kind.label;
        }
    }

    /** Which builder a {@link OneValue} serves: only a Single refuses a null result. */
    private enum Kind {
        SINGLE("rxSingle{}"), MAYBE("rxMaybe{}"), COMPLETABLE("rxCompletable{}");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * {@code rxFlowable(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the producer
     * @param <T> the element type
     * @return the Flowable
     */
    public static <T> Flowable<T> rxFlowable(Dispatcher dispatcher, ProducerBlock<T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Flowable.fromPublisher(Bridge.publish(dispatcher, block, "rxFlowable"));
    }

    /**
     * {@code rxObservable(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the producer
     * @param <T> the element type
     * @return the Observable
     */
    public static <T> Observable<T> rxObservable(Dispatcher dispatcher, ProducerBlock<T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Observable.fromPublisher(Bridge.publish(dispatcher, block, "rxObservable"));
    }

    /**
     * {@code asSingle(deferred)}: a hot Single of the deferred's outcome.
     *
     * @param deferred the running computation
     * @param <T> the value type
     * @return the Single
     */
    public static <T> Single<T> asSingle(Deferred<? extends T> deferred) {
        Objects.requireNonNull(deferred, "deferred");
        return Single.create(emitter -> emitter.setCancellable(deferred.invokeOnCompletion(cause -> {
            if (cause != null) {
                emitter.tryOnError(cause);
                return;
            }
            T v = deferred.await(); // completed: returns at once
            if (v == null) {
                emitter.tryOnError(new NullPointerException("asSingle(" + deferred
                        + "): the Deferred completed with null, but a Single must have a value; use asMaybe"));
            } else {
                emitter.onSuccess(v);
            }
        })::dispose));
    }

    /**
     * {@code asMaybe(deferred)}: a hot Maybe of the deferred's outcome; null is empty.
     *
     * @param deferred the running computation
     * @param <T> the value type
     * @return the Maybe
     */
    public static <T> Maybe<T> asMaybe(Deferred<? extends T> deferred) {
        Objects.requireNonNull(deferred, "deferred");
        return Maybe.create(emitter -> emitter.setCancellable(deferred.invokeOnCompletion(cause -> {
            if (cause != null) {
                emitter.tryOnError(cause);
                return;
            }
            T v = deferred.await(); // completed: returns at once
            if (v == null) {
                emitter.onComplete();
            } else {
                emitter.onSuccess(v);
            }
        })::dispose));
    }

    /**
     * {@code asCompletable(job)}: a hot Completable of the job's outcome.
     *
     * @param job the running job
     * @return the Completable
     */
    public static Completable asCompletable(Job job) {
        Objects.requireNonNull(job, "job");
        return Completable.create(emitter -> emitter.setCancellable(job.invokeOnCompletion(cause -> {
            if (cause != null) {
                emitter.tryOnError(cause);
            } else {
                emitter.onComplete();
            }
        })::dispose));
    }
}
