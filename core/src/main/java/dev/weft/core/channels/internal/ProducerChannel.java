package dev.weft.core.channels.internal;

import dev.weft.core.Job;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ReceiveChannel;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The receiving side returned by {@code Channels.produce}: the channel, tied to the producer
 * coroutine so that cancelling it also cancels the producer.
 *
 * @param <E> the element type
 */
final class ProducerChannel<E> implements ReceiveChannel<E> {
    final ChannelImpl<E> channel;
    private final Job producer;

    ProducerChannel(ChannelImpl<E> channel, Job producer) {
        this.channel = channel;
        this.producer = producer;
    }

    @Override
    public E receive() {
        return channel.receive();
    }

    @Override
    public ChannelResult<E> receiveCatching() {
        return channel.receiveCatching();
    }

    @Override
    public ChannelResult<E> tryReceive() {
        return channel.tryReceive();
    }

    @Override
    public void cancel() {
        cancel(null);
    }

    @Override
    public void cancel(@Nullable CancellationException cause) {
        // the producer first: by the time the channel reports the cancellation to a producer
        // waiting in awaitClose, that producer already knows it is cancelled
        producer.cancel();
        channel.cancel(cause);
    }

    @Override
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive();
    }

    @Override
    public boolean isEmpty() {
        return channel.isEmpty();
    }

    @Override
    public Iterator<E> iterator() {
        return channel.iterator();
    }

    @Override
    public String toString() {
        return "produce(" + channel + ", " + producer + ")";
    }
}
