package dev.weft.tck;

import dev.weft.flow.reactive.ReactiveFlows;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.flow.support.TestException;

/** {@code ReactiveFlows.publish}: a producer coroutine whose {@code send} waits for demand. */
public class PublishTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveFlows.publish(scope -> {
            for (long i = 0; i < elements; i++) {
                scope.send(i);
            }
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactiveFlows.publish(scope -> {
            throw new TestException();
        });
    }
}
