package dev.weft.tck;

import dev.weft.flow.Flow;
import dev.weft.reactor.ReactorFlows;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.flow.support.TestException;

/** {@code ReactorFlows.asFlux(Flow)}: each subscription collects the flow in its own coroutine. */
public class ReactorAsFluxTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorFlows.asFlux(Flow.flow(c -> {
            for (long i = 0; i < elements; i++) {
                c.emit(i);
            }
        }));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactorFlows.asFlux(Flow.error(new TestException()));
    }
}
