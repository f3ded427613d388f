package dev.weft.core.channels;

import dev.weft.core.CoroutineScope;

/** Channel builders. (CONTRACT FIXED FOR THE PARALLEL WORK; implemented on the channels branch.) */
public final class Channels {
    private Channels() {
    }

    /**
     * Launches a producer coroutine in {@code scope} that sends to a new rendezvous channel and
     * returns the receiving side. The channel closes when the block returns (with its failure if
     * it throws); cancelling the returned channel cancels the producer.
     */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, ProducerBlock<E> block) {
        return produce(scope, Channel.RENDEZVOUS, block);
    }

    /** Like {@link #produce(CoroutineScope, ProducerBlock)} with a buffer of {@code capacity}. */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, int capacity, ProducerBlock<E> block) {
        return dev.weft.core.channels.internal.Producer.produce(scope, capacity, block);
    }
}
