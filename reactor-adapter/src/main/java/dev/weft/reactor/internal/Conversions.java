package dev.weft.reactor.internal;

import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The conversions and builders of {@code ReactorFlows}, on the Reactive Streams bridge. */
public final class Conversions {
    private Conversions() {
    }

    /**
     * {@code asFlux(flow, dispatcher)}.
     *
     * @param flow the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the Flux
     */
    public static <T> Flux<T> asFlux(Flow<? extends T> flow, Dispatcher dispatcher) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Publisher<T> plain = ReactiveFlows.asPublisher(flow, dispatcher);
        return Flux.deferContextual(cv -> cv.isEmpty()
                ? plain
                : ReactiveFlows.<T>publish(dispatcher, scope -> Bodies.produce(scope, cv, () -> {
                    flow.collect(scope::send);
                    return null;
                })));
    }

    /**
     * {@code flux(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the producer
     * @param <T> the element type
     * @return the Flux
     */
    public static <T> Flux<T> flux(Dispatcher dispatcher, ProducerBlock<T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Flux.deferContextual(cv -> ReactiveFlows.<T>publish(dispatcher, scope -> Bodies.produce(scope, cv, () -> {
            block.run(scope);
            return null;
        })));
    }

    /**
     * {@code mono(dispatcher, block)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the body
     * @param <T> the value type
     * @return the Mono
     */
    public static <T> Mono<T> mono(Dispatcher dispatcher, Callable<? extends @Nullable T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        return Mono.deferContextual(cv -> Mono.fromDirect(ReactiveFlows.<T>publish(dispatcher, scope -> Bodies.produce(scope, cv, () -> {
            T v = block.call();
            if (v != null) {
                scope.send(v);
            }
            return null;
        }))));
    }

    /**
     * {@code asMono(deferred)}: the deferred's value when it completes.
     *
     * @param deferred the source
     * @param <T> the value type
     * @return the Mono
     */
    public static <T> Mono<T> asMono(Deferred<? extends @Nullable T> deferred) {
        Objects.requireNonNull(deferred, "deferred");
        return Mono.create(sink -> {
            dev.weft.core.Disposable handle = deferred.invokeOnCompletion(cause -> {
                if (cause != null) {
                    sink.error(cause);
                    return;
                }
                T v;
                try {
                    v = deferred.await(); // completed: returns at once
                } catch (Throwable t) {
                    sink.error(t);
                    return;
                }
                if (v == null) {
                    sink.success();
                } else {
                    sink.success(v);
                }
            });
            sink.onCancel(handle::dispose);
        });
    }

    /**
     * {@code asMono(job)}: completes when the job does.
     *
     * @param job the source
     * @return the Mono
     */
    public static Mono<Void> asMono(Job job) {
        Objects.requireNonNull(job, "job");
        return Mono.create(sink -> {
            dev.weft.core.Disposable handle = job.invokeOnCompletion(cause -> {
                if (cause != null) {
                    sink.error(cause);
                } else {
                    sink.success();
                }
            });
            sink.onCancel(handle::dispose);
        });
    }
}
