package dev.weft.flow.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Coroutines;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.SendChannel;
import dev.weft.core.channels.internal.ProducerChannel;
import dev.weft.flow.Flow;
import dev.weft.flow.function.ThrowingFunction;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * {@code combine}: each flow is collected by its own coroutine, sending (index, value) updates into
 * one channel; the collecting coroutine keeps the latest value of each flow and, once every flow
 * has produced one, emits the combination after each batch of updates. A batch is the updates
 * already waiting in the channel, up to the first that repeats a flow of the batch (that one starts
 * the next batch), so every value of every flow appears in some combination once all flows have
 * started, while a burst from several flows at once yields one combination.
 */
public final class Combine {
    private static final Object ABSENT = new Object();

    private Combine() {
    }

    private record Update(int index, Object value) {
    }

    public static <R> Flow<R> combine(List<? extends Flow<?>> flows, ThrowingFunction<Object[], ? extends R> combiner) {
        Objects.requireNonNull(flows, "flows");
        List<Flow<?>> sources = List.copyOf(flows).stream().<Flow<?>>map(NullChecks::upstream).toList();
        Objects.requireNonNull(combiner, "combiner");
        int n = sources.size();
        if (n == 0) {
            return Builders.empty();
        }
        return collector -> {
            Throwable[] failure = new Throwable[1];
            Coroutines.coroutineScope(scope -> {
                Channel<Update> updates = Channel.of(n, BufferOverflow.SUSPEND, null);
                ChannelFlow.CHANNELS_OPENED.incrementAndGet();
                ProducerChannel<Update> producer = ProducerChannel.launch(updates, scope, CoroutineContext.empty(), p -> {
                    SendChannel<Update> out = p.channel();
                    for (int i = 0; i < n; i++) {
                        int index = i;
                        Flow<?> f = sources.get(i);
                        p.launch(() -> f.collect(v -> out.send(new Update(index, v))));
                    }
                }, false);
                try {
                    Object[] latest = new Object[n];
                    Arrays.fill(latest, ABSENT);
                    int absent = n;
                    long[] batchOf = new long[n];
                    long batch = 0;
                    Update pending = null;
                    Iterator<Update> it = producer.iterator();
                    while (true) {
                        Update u = pending;
                        pending = null;
                        if (u == null) {
                            if (!it.hasNext()) {
                                break;
                            }
                            u = it.next();
                        }
                        batch++;
                        while (u != null) {
                            if (batchOf[u.index] == batch) {
                                pending = u; // a second value of this flow: next batch
                                break;
                            }
                            batchOf[u.index] = batch;
                            if (latest[u.index] == ABSENT) {
                                absent--;
                            }
                            latest[u.index] = u.value;
                            ChannelResult<Update> more = producer.tryReceive();
                            u = more.isSuccess() ? more.getOrNull() : null;
                        }
                        if (absent == 0) {
                            collector.emit(Objects.requireNonNull(combiner.apply(latest.clone()),
                                    "combiner returned null: flow elements must not be null"));
                        }
                    }
                } catch (Throwable t) {
                    failure[0] = producer.unwrap(t);
                } finally {
                    producer.cancel();
                }
                return null;
            });
            if (failure[0] != null) {
                throw Throwables.asException(failure[0]);
            }
        };
    }
}
