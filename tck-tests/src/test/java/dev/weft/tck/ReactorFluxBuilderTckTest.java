package dev.weft.tck;

import dev.weft.reactor.ReactorFlows;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.flow.support.TestException;

/** {@code ReactorFlows.flux(block)}: a producer coroutine per subscription, sending against demand. */
public class ReactorFluxBuilderTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorFlows.flux(scope -> {
            for (long i = 0; i < elements; i++) {
                scope.send(i);
            }
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactorFlows.flux(scope -> {
            throw new TestException();
        });
    }
}
