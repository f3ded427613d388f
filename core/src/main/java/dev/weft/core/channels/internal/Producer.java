package dev.weft.core.channels.internal;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ReceiveChannel;
import java.util.Objects;

/** {@code Channels.produce}: a producer coroutine tied to the channel it fills. */
public final class Producer {
    private Producer() {
    }

    /**
     * Launches the producer in {@code scope} and returns the receiving side of its channel.
     *
     * @see dev.weft.core.channels.Channels#produce(CoroutineScope, int, BufferOverflow, ProducerBlock)
     */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, int capacity, BufferOverflow overflow,
                                                ProducerBlock<E> block) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(block, "block");
        ChannelImpl<E> channel = ChannelImpl.create(capacity, overflow, null);
        Job job = scope.launch(() -> {
            Coroutines.coroutineScope(s -> {
                try {
                    block.run(new ProducerScopeImpl<>(s, channel));
                } catch (Throwable t) {
                    channel.close(t); // receivers drain what was sent, then get the failure itself
                    throw t;
                }
                return null;
            });
            // the block and every helper it launched have ended
            channel.close();
        });
        // also closes the channel if the producer never ran (its scope was already cancelled) or a
        // helper failed after the block returned: with the job's failure or cancellation
        job.invokeOnCompletion(channel::close);
        return new ProducerChannel<>(channel, job);
    }
}
