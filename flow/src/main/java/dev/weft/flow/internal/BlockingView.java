package dev.weft.flow.internal;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.internal.ProducerChannel;
import dev.weft.flow.BlockingIterable;
import dev.weft.flow.Flow;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * {@code toIterable} and {@code toStream}: the flow collected by a producer coroutine (in a scope of
 * its own, on {@link Dispatchers#DEFAULT} unless the flow says otherwise with {@code flowOn}) into
 * a channel ({@code BUFFERED} unless the flow fuses a {@code buffer} of its own) that the calling
 * thread reads.
 *
 * @param <T> the element type
 */
public final class BlockingView<T> implements BlockingIterable<T> {
    private final ChannelFlow<T> flow;
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private BlockingView(Flow<T> flow) {
        this.flow = ChannelFlow.asChannelFlow(flow);
    }

    public static <T> BlockingIterable<T> toIterable(Flow<T> flow) {
        return new BlockingView<>(flow);
    }

    public static <T> Stream<T> toStream(Flow<T> flow) {
        BlockingView<T> view = new BlockingView<>(flow);
        Spliterator<T> lazy = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private @Nullable Iterator<T> it;

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                Iterator<T> i = it;
                if (i == null) {
                    i = view.iterator();
                    it = i;
                }
                if (!i.hasNext()) {
                    return false;
                }
                action.accept(i.next());
                return true;
            }
        };
        return StreamSupport.stream(lazy, false).onClose(view::close);
    }

    @Override
    public Iterator<T> iterator() {
        if (closed) {
            throw new IllegalStateException("this blocking view of a flow was closed");
        }
        Reader r = new Reader();
        readers.add(r);
        if (closed) { // raced with close()
            r.close();
            throw new IllegalStateException("this blocking view of a flow was closed");
        }
        return r;
    }

    @Override
    public void close() {
        closed = true;
        for (Reader r : readers) {
            r.close();
        }
    }

    /** One collection: its own scope, producer and channel. */
    private final class Reader implements Iterator<T> {
        private final OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        private final ProducerChannel<T> producer = flow.produceImpl(scope, false);
        private final Iterator<T> channel = producer.iterator();

        private boolean exhausted;
        private @Nullable RuntimeException failure;

        @Override
        public boolean hasNext() {
            if (exhausted) {
                return false;
            }
            if (failure != null) {
                throw failure;
            }
            boolean more;
            try {
                more = channel.hasNext();
            } catch (RuntimeException e) {
                failure = e;
                close();
                throw e;
            } catch (Error e) {
                close();
                throw e;
            }
            if (!more) {
                exhausted = true;
                close();
            }
            return more;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the flow has no more elements");
            }
            return channel.next();
        }

        void close() {
            producer.cancel();
            scope.close();
            readers.remove(this);
        }
    }
}
