package dev.weft.tck;

import dev.weft.flow.reactive.JdkReactiveFlows;
import java.util.concurrent.Flow;

/** {@code JdkReactiveFlows.asPublisher}: range, empty and failing flows as JDK publishers. */
public class JdkAsPublisherTckTest extends WeftFlowPublisherTck<Long> {

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return JdkReactiveFlows.asPublisher(Flows.rangeOrEmpty(elements));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return JdkReactiveFlows.asPublisher(Flows.failing());
    }
}
