package dev.weft.core.channels.internal;

import dev.weft.core.channels.ClosedReceiveChannelException;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * The iterator of {@code for (E e : channel)}: {@link #hasNext()} receives (suspending), so the loop
 * ends when the channel is closed normally and throws the close cause otherwise.
 *
 * @param <E> the element type
 */
final class ChannelIterator<E> implements Iterator<E> {
    private final ChannelImpl<E> channel;
    private @Nullable Object next;

    ChannelIterator(ChannelImpl<E> channel) {
        this.channel = channel;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        Object r = channel.receiveOrClosed();
        if (r == ChannelImpl.CLOSED_RESULT) {
            if (channel.closeCause() != null) {
                throw channel.receiveFailure();
            }
            return false;
        }
        next = r;
        return true;
    }

    @Override
    public E next() {
        if (!hasNext()) {
            throw new ClosedReceiveChannelException("channel was closed");
        }
        @SuppressWarnings("unchecked")
        E e = (E) next;
        next = null;
        return e;
    }
}
