package dev.weft.flow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.weft.core.Dispatchers;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.flow.Flow;
import dev.weft.core.CloseableDispatcher;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Adjacent boundaries fuse into one channel: checked structurally (the operator chain collapses
 * into one {@link ChannelFlow} over the original upstream) and at run time (the number of
 * channels a collection opens, through the {@link ChannelFlow#CHANNELS_OPENED} probe).
 */
class FusionTest {

    private static long channelsOpenedBy(Supplier<Flow<Integer>> flow) {
        Flow<Integer> f = flow.get();
        long before = ChannelFlow.CHANNELS_OPENED.get();
        f.toList();
        return ChannelFlow.CHANNELS_OPENED.get() - before;
    }

    @Test
    void bufferFlowOnAndConflateChainsCollapseIntoOneChannelFlow() {
        Flow<Integer> source = Flow.range(0, 10);
        Flow<Integer> fused = source.buffer(10).flowOn(Dispatchers.IO).buffer(5).flowOn(Dispatchers.DEFAULT);
        assertThat(fused).isInstanceOf(ChannelFlowOperator.class);
        ChannelFlowOperator<Integer> op = (ChannelFlowOperator<Integer>) fused;
        assertThat(op.upstream).isSameAs(source);
        assertThat(op.dispatcher).as("the flowOn nearest the producer wins").isSameAs(Dispatchers.IO);
        assertThat(op.capacity).as("sizes add up").isEqualTo(15);

        ChannelFlow<Integer> conflated = (ChannelFlow<Integer>) source.buffer(10).conflate();
        assertThat(conflated.capacity).isEqualTo(Channel.RENDEZVOUS);
        assertThat(conflated.overflow).as("a dropping policy replaces").isEqualTo(BufferOverflow.DROP_OLDEST);

        ChannelFlow<Integer> defaultSize = (ChannelFlow<Integer>) source.flowOn(Dispatchers.IO).buffer();
        assertThat(defaultSize.capacity).isEqualTo(Channel.BUFFERED);
        assertThat(source.buffer(7).buffer()).as("BUFFERED adds nothing to an explicit size")
                .isInstanceOfSatisfying(ChannelFlow.class, c -> assertThat(c.capacity).isEqualTo(7));
    }

    @Test
    void channelFlowFusesWithTheBoundariesAfterIt() {
        Flow<Integer> built = Flow.channelFlow(out -> out.send(1));
        Flow<Integer> fused = built.buffer(3).flowOn(Dispatchers.IO);
        assertThat(fused).isInstanceOf(ChannelFlowBuilder.class);
        assertThat(((ChannelFlow<Integer>) fused).capacity).isEqualTo(3);
        assertThat(((ChannelFlow<Integer>) fused).dispatcher).isSameAs(Dispatchers.IO);
    }

    @Test
    void aCollectionOfFusedBoundariesOpensOneChannel() {
        assertThat(channelsOpenedBy(() -> Flow.range(0, 100).buffer(10).flowOn(Dispatchers.IO).conflate()))
                .isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.channelFlow((dev.weft.core.channels.ProducerBlock<Integer>) out -> {
            for (int i = 0; i < 10; i++) {
                out.send(i);
            }
        }).buffer(4).flowOn(Dispatchers.IO))).isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.range(0, 100).flatMapMerge(4, Flow::of).buffer(2))).isEqualTo(1);
    }

    @Test
    void anOperatorBetweenBoundariesKeepsThemApart() {
        assertThat(channelsOpenedBy(() -> Flow.fromIterable(List.of(1, 2, 3)).buffer(10).map(x -> x).buffer(10)))
                .isEqualTo(2);
    }

    @Test
    void aSuspendingBoundaryDirectlyOverAPureSourceOpensNone() {
        List<Supplier<Flow<Integer>>> sources = List.of(() -> Flow.range(0, 3000), () -> Flow.of(1, 2, 3),
                () -> Flow.of(7), Flow::empty);
        for (Supplier<Flow<Integer>> source : sources) {
            List<Integer> expected = source.get().toList();
            for (java.util.function.UnaryOperator<Flow<Integer>> boundary : List.<java.util.function.UnaryOperator<Flow<Integer>>>of(
                    f -> f.buffer(64), f -> f.buffer(0), f -> f.buffer(Channel.UNLIMITED), f -> f.buffer(),
                    f -> f.flowOn(Dispatchers.IO), f -> f.flowOn(Dispatchers.IO).buffer(16))) {
                Flow<Integer> fused = boundary.apply(source.get());
                assertThat(channelsOpenedBy(() -> fused)).as("%s", expected).isZero();
                assertThat(fused.toList()).isEqualTo(expected);
            }
        }
    }

    @Test
    void userCodeOrADroppingPolicyBetweenAPureSourceAndTheBoundaryKeepsIt() {
        assertThat(channelsOpenedBy(() -> Flow.range(0, 10).map(x -> x).buffer(4))).isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.range(0, 10).filter(x -> true).flowOn(Dispatchers.IO))).isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.range(0, 10).onEach(x -> { }).buffer(4))).isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.range(0, 10).conflate())).isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.range(0, 10).buffer(2, BufferOverflow.DROP_LATEST))).isEqualTo(1);
        assertThat(channelsOpenedBy(() -> Flow.of(1, 2).buffer(2, BufferOverflow.DROP_OLDEST))).isEqualTo(1);
    }

    @Test
    void aFlowOnOverAPureSourceStillRefusesAClosedDispatcher() {
        CloseableDispatcher closed = Dispatchers.newFixed(2, "fusion-closed");
        closed.close();
        Flow<Integer> pure = Flow.range(0, 10).flowOn(closed);
        Flow<Integer> withUserCode = Flow.range(0, 10).map(x -> x).flowOn(closed);
        Throwable direct = catchThrowable(pure::toList);
        assertThat(direct).isInstanceOf(RejectedExecutionException.class).hasMessageContaining("fusion-closed")
                .hasMessageContaining("is closed");
        assertThat(catchThrowable(withUserCode::toList)).isInstanceOf(RejectedExecutionException.class)
                .hasMessage(direct.getMessage());
    }

    @Test
    void aFusedPureSourceStopsWithinAChunkOnceTheCollectingCoroutineIsCancelled() throws Exception {
        Integer[] big = new Integer[1_000_000];
        java.util.Arrays.setAll(big, i -> i);
        for (Flow<Integer> source : List.of(Flow.of(big), Flow.range(0, 1_000_000))) {
            java.util.concurrent.atomic.AtomicInteger after = new java.util.concurrent.atomic.AtomicInteger();
            try (dev.weft.core.OwnedScope scope = dev.weft.core.CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
                dev.weft.core.Job job = scope.launch(() -> source.buffer(64).flowOn(Dispatchers.IO).collect(x -> {
                    if (x == 10) {
                        java.util.Objects.requireNonNull(dev.weft.core.Coroutines.currentJob()).cancel();
                    } else if (x > 10) {
                        after.incrementAndGet();
                    }
                }));
                job.join();
                assertThat(job.isCancelled()).isTrue();
            }
            assertThat(after.get()).as("elements after the cancellation").isLessThanOrEqualTo(1024);
        }
    }

    @Test
    void aFusedPureSourceStillStopsWhenTheCollectorStopsOrFails() throws Exception {
        assertThat(Flow.range(0, Integer.MAX_VALUE).buffer(64).take(5).toList()).containsExactly(0, 1, 2, 3, 4);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(catchThrowable(() -> Flow.range(0, Integer.MAX_VALUE).flowOn(Dispatchers.IO).collect(x -> {
            if (x == 3) {
                throw boom;
            }
        }))).isSameAs(boom);
    }

    @Test
    void aFlowOnToTheCollectorsOwnDispatcherOpensNone() {
        long opened = dev.weft.core.Coroutines.runBlocking(Dispatchers.IO,
                () -> channelsOpenedBy(() -> Flow.range(0, 10).flowOn(Dispatchers.IO)));
        assertThat(opened).isZero();
    }
}
