package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A flow that already has an asynchronous boundary of its own (a channel, or a Reactive Streams
 * prefetch) and can absorb a following {@code buffer}, {@code conflate} or {@code flowOn} into it
 * instead of adding a second boundary. {@code buffer}, {@code conflate} and {@code flowOn} check
 * for this interface and call {@link #fuse}.
 *
 * <p>Capacity values follow {@code dev.weft.core.channels.Channel}: a positive size,
 * {@code RENDEZVOUS} (0), {@code CONFLATED}, {@code BUFFERED} (the default size) or
 * {@code UNLIMITED}; {@link #OPTIONAL_CHANNEL} means "no preference, keep yours".
 *
 * @param <T> the element type
 */
public interface FusibleFlow<T> extends Flow<T> {
    /** Capacity value meaning: the fused operator expresses no buffer size of its own. */
    int OPTIONAL_CHANNEL = -3;

    /**
     * Returns a flow equal to this one followed by the boundary described by the arguments,
     * merged into this flow's own boundary.
     *
     * @param dispatcher where the upstream must run ({@code flowOn}), or null to keep it
     * @param capacity   the requested capacity, or {@link #OPTIONAL_CHANNEL}
     * @param overflow   the requested overflow policy
     * @return the fused flow
     */
    Flow<T> fuse(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow);
}
