package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingConsumer;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.Transformer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code transformLatest} and the operators built on it ({@code mapLatest}, {@code flatMapLatest},
 * {@code collectLatest}): each upstream element starts the transformation in a new coroutine,
 * after cancelling the one still running for the previous element and waiting for it to end.
 *
 * @param <T> the upstream type
 * @param <R> the element type
 */
final class TransformLatest<T, R> extends ChannelFlow<R> {
    private final Flow<T> upstream;
    private final Transformer<? super T, R> transformer;

    private TransformLatest(Flow<T> upstream, Transformer<? super T, R> transformer, @Nullable Dispatcher dispatcher,
                            int capacity, BufferOverflow overflow) {
        super(dispatcher, capacity, overflow);
        this.upstream = upstream;
        this.transformer = transformer;
    }

    static <T, R> Flow<R> transformLatest(Flow<T> upstream, Transformer<? super T, R> transformer) {
        Objects.requireNonNull(transformer, "transformer");
        return new TransformLatest<>(upstream, transformer, null, OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
    }

    static <T, R> Flow<R> mapLatest(Flow<T> upstream, ThrowingFunction<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new TransformLatest<T, R>(upstream, (v, out) -> out.emit(
                Objects.requireNonNull(mapper.apply(v), TransformOps.MAPPER_NULL)), null, OPTIONAL_CHANNEL,
                BufferOverflow.SUSPEND);
    }

    static <T, R> Flow<R> flatMapLatest(Flow<T> upstream,
            ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new TransformLatest<T, R>(upstream, (v, out) -> out.emitAll(
                Objects.requireNonNull(mapper.apply(v), "mapper returned a null flow")), null, OPTIONAL_CHANNEL,
                BufferOverflow.SUSPEND);
    }

    static <T> void collectLatest(Flow<T> upstream, ThrowingConsumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        Flow<Object> f = new TransformLatest<T, Object>(upstream, (v, out) -> action.accept(v), null,
                0, BufferOverflow.SUSPEND);
        Terminals.forEach(f, v -> { });
    }

    @Override
    protected void produce(ProducerScope<R> scope) throws Exception {
        SendChannel<R> channel = scope.channel();
        FlowCollector<R> out = channel::send;
        Job[] previous = new Job[1];
        upstream.collect(value -> {
            Job p = previous[0];
            if (p != null) {
                p.cancel();
                p.join();
            }
            previous[0] = scope.launch(() -> transformer.apply(value, out));
        });
    }

    @Override
    protected ChannelFlow<R> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        return new TransformLatest<>(upstream, transformer, dispatcher, capacity, overflow);
    }
}
