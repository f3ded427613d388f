package dev.weft.tck;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import org.reactivestreams.Publisher;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * {@code ReactiveFlows.asPublisher} over a flow with an asynchronous, buffered boundary:
 * {@code upstream.flowOn(producer).buffer(16)} (one fused channel of 16 elements, the range produced
 * by a coroutine on {@code producer}), and a second variant that crosses two boundaries (a
 * Publisher bridged back into a flow, fused with {@code flowOn(requester)}) for {@link #createFailedPublisher}.
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
        return upstream.flowOn(producer).buffer(16);
    }

    private Flow<Long> bridgedTwice(Flow<Long> upstream) {
        return ReactiveFlows.asFlow(ReactiveFlows.asPublisher(upstream, producer), 16).flowOn(requester);
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveFlows.asPublisher(buffered(Flows.rangeOrEmpty(elements)));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactiveFlows.asPublisher(bridgedTwice(Flows.failing()));
    }
}
