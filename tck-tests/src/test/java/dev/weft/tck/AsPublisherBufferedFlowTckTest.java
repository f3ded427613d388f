package dev.weft.tck;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.Flow;
import dev.weft.flow.internal.FusibleFlow;
import dev.weft.flow.reactive.ReactiveFlows;
import org.reactivestreams.Publisher;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * {@code ReactiveFlows.asPublisher} over a flow with an asynchronous, buffered boundary whose
 * upstream runs on other dispatchers: a range produced by a coroutine on {@code producer}, handed
 * over through the bridge's own queue (prefetch 16), with subscribe/request moved to
 * {@code requester} by a fused {@code flowOn}.
 *
 * <p>The Flow operators {@code buffer} and {@code flowOn} are written on another branch; until
 * they are merged this class builds the same boundary from the bridge ({@code asFlow} fused
 * through {@link FusibleFlow#fuse}, which is what those operators call). Once they land, it should
 * use {@code range.flowOn(d).buffer(16)} directly.
 */
public class AsPublisherBufferedFlowTckTest extends WeftPublisherTck<Long> {
    private CloseableDispatcher producer;
    private CloseableDispatcher requester;

    @BeforeClass
    public void startDispatchers() {
        producer = Dispatchers.newSingleThread("tck-producer");
        requester = Dispatchers.newSingleThread("tck-requester");
    }

    @AfterClass
    public void closeDispatchers() {
        producer.close();
        requester.close();
    }

    private Flow<Long> buffered(Flow<Long> upstream) {
        Flow<Long> handedOver = ReactiveFlows.asFlow(ReactiveFlows.asPublisher(upstream, producer), 16);
        return ((FusibleFlow<Long>) handedOver).fuse(requester, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveFlows.asPublisher(buffered(Flows.rangeOrEmpty(elements)));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactiveFlows.asPublisher(buffered(Flows.failing()));
    }
}
