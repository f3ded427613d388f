package dev.weft.samples;

import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stand-in for {@code dev.weft.reactor.ReactorFlows} (same names and shapes) over the generic
 * Reactive Streams bridge, until the Reactor adapter is merged.
 */
public final class Bridge {
    private Bridge() {
    }

    /**
     * A Mono computed by a coroutine.
     *
     * @param block the computation; {@code null} completes empty
     * @param <T> the value type
     * @return the Mono
     */
    public static <T> Mono<T> mono(Callable<? extends @Nullable T> block) {
        return Mono.from(ReactiveFlows.<T>publish(p -> {
            T value = block.call();
            if (value != null) {
                p.send(value);
            }
        }));
    }

    /**
     * Awaits a Mono's value.
     *
     * @param mono the source
     * @param <T> the value type
     * @return the value
     */
    public static <T> T await(Mono<T> mono) {
        return ReactiveFlows.awaitSingle(mono);
    }

    /**
     * Awaits a Mono's value or its empty completion.
     *
     * @param mono the source
     * @param <T> the value type
     * @return the value or null
     */
    public static <T> @Nullable T awaitOrNull(Mono<T> mono) {
        return ReactiveFlows.awaitFirstOrNull(mono);
    }

    /**
     * A Flux as a flow.
     *
     * @param flux the source
     * @param <T> the element type
     * @return the flow
     */
    public static <T> Flow<T> asFlow(Flux<T> flux) {
        return ReactiveFlows.asFlow(flux);
    }

    /**
     * A flow as a Flux.
     *
     * @param flow the source
     * @param <T> the element type
     * @return the Flux
     */
    public static <T> Flux<T> asFlux(Flow<T> flow) {
        return Flux.from(ReactiveFlows.asPublisher(flow));
    }
}
