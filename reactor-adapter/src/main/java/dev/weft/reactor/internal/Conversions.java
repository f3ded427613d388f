package dev.weft.reactor.internal;

import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.core.CorePublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The conversions and builders of {@code ReactorFlows}, on the Reactive Streams bridge. */
public final class Conversions {
    private Conversions() {
    }

    /**
     * {@code asFlow(flux|mono)}: through the bridge, whose upstream hook subscribes with the
     * collecting coroutine's Reactor context.
     *
     * @param source a Flux or Mono
     * @param <T> the element type
     * @return the flow
     */
    public static <T> Flow<T> asFlow(CorePublisher<? extends T> source) {
        return ReactorBridge.BRIDGE.asFlow(source);
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
        Flow<T> withThreadLocals = new Flow<T>() {
            @Override
            public void collect(FlowCollector<? super T> collector) throws Exception {
                Bodies.run(() -> {
                    flow.collect(collector);
                    return null;
                });
            }

            @Override
            public String toString() {
                return flow.toString();
            }
        };
        return Flux.from(ReactorBridge.BRIDGE.asPublisher(withThreadLocals, dispatcher));
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
        return Flux.from(ReactorBridge.BRIDGE.<T>publish(dispatcher, scope -> Bodies.run(() -> {
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
        // a one-element flow emitted straight from the subscription's coroutine (no producer
        // channel): the value waits in emit for the first request; fromDirect: at most one element
        Flow<T> body = new Flow<T>() {
            @Override
            public void collect(FlowCollector<? super T> collector) throws Exception {
                T v = Bodies.run(block);
                if (v != null) {
                    collector.emit(v);
                }
            }

            @Override
            public String toString() {
                return "mono{}"; // built per assembly by the bridge: keep it constant
            }
        };
        return Mono.fromDirect(ReactorBridge.BRIDGE.asPublisher(body, dispatcher));
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
